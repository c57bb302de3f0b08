package ai.bai.manager.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Holds each session to its CPU quota, memory limit and process count through a cgroup of its own, where the host
 * lets this process create cgroups. Pinning to cores is the caller's (sched_setaffinity in the forked kernel), so
 * every enforcer includes it.
 */
public sealed interface Enforcer permits CgroupV1Enforcer, CgroupV2Enforcer, AffinityOnlyEnforcer {
    /** e.g. "cgroup v1 (cpu quota, memory, pids) + cpu affinity" or "cpu affinity only (no writable cgroup hierarchy: <reason>)" */
    String describe();

    /** Creates the session's cgroup(s) with the limits; returns the cgroup.procs files the kernel must join (empty for affinity only). */
    List<Path> prepare(String sessionId, ResourceLimits limits) throws IOException;

    /** Removes the session's cgroup(s); its processes are gone already. Idempotent. */
    void release(String sessionId);

    /** Current and peak memory and CPU time of the session, when the hierarchy tracks them. */
    Optional<ResourceUsage> usage(String sessionId);

    /**
     * Picks the enforcer the host allows, rooted in a {@code groupName} sub-folder of each hierarchy; never throws.
     * In order: a pure cgroup v2 hierarchy at {@code cgroupRoot}, cgroup v1 hierarchies under it, the v2 hierarchy
     * of a hybrid setup at {@code cgroupRoot/unified}; each must offer cpu, memory and pids and let a group be
     * created (a probe group, removed at once). Otherwise affinity only, with the reasons.
     */
    static Enforcer detect(Path cgroupRoot, String groupName) {
        if (!CgroupFiles.validName(groupName)) {
            return new AffinityOnlyEnforcer("invalid group name " + groupName);
        }
        if (!Files.isDirectory(cgroupRoot)) {
            return new AffinityOnlyEnforcer("no cgroup file system at " + cgroupRoot);
        }
        List<String> reasons = new ArrayList<>();
        try {
            if (Files.exists(cgroupRoot.resolve("cgroup.controllers"))) {
                return CgroupV2Enforcer.open(cgroupRoot, groupName);
            }
        } catch (IOException | RuntimeException e) {
            reasons.add(e.getMessage());
        }
        try {
            return CgroupV1Enforcer.open(cgroupRoot, groupName);
        } catch (IOException | RuntimeException e) {
            reasons.add(e.getMessage());
        }
        Path unified = cgroupRoot.resolve("unified");
        try {
            if (Files.exists(unified.resolve("cgroup.controllers"))) {
                return CgroupV2Enforcer.open(unified, groupName);
            }
        } catch (IOException | RuntimeException e) {
            reasons.add(e.getMessage());
        }
        return new AffinityOnlyEnforcer(String.join("; ", reasons));
    }
}
