package ai.bai.manager.agent;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where no cgroup hierarchy can be written: sessions are only pinned to their cores, by the caller. */
public final class AffinityOnlyEnforcer implements Enforcer {
    private final String reason;

    AffinityOnlyEnforcer(String reason) {
        this.reason = reason;
    }

    /** Why no cgroup hierarchy could be used. */
    public String reason() {
        return reason;
    }

    @Override
    public String describe() {
        return "cpu affinity only (no writable cgroup hierarchy: " + reason + ")";
    }

    @Override
    public List<Path> prepare(String sessionId, ResourceLimits limits) {
        return List.of();
    }

    @Override
    public void release(String sessionId) {
        // nothing was created
    }

    @Override
    public Optional<ResourceUsage> usage(String sessionId) {
        return Optional.empty();
    }
}
