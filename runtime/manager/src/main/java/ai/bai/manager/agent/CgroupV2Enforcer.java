package ai.bai.manager.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Session limits in a cgroup v2 hierarchy: one group per session at {@code <root>/<group>/<session>} with
 * {@code cpu.max}, {@code memory.max} and {@code pids.max}; the cpu, memory and pids controllers are enabled in
 * each parent's {@code cgroup.subtree_control} on the way down.
 */
public final class CgroupV2Enforcer implements Enforcer {
    private static final List<String> CONTROLLERS = List.of("cpu", "memory", "pids");
    private static final String ENABLE = "+cpu +memory +pids";

    private final Path root;
    private final Path group;

    private CgroupV2Enforcer(Path root, String groupName) {
        this.root = root;
        this.group = root.resolve(groupName);
    }

    /** The enforcer for the v2 hierarchy at {@code root}, or an IOException that says why it cannot be used. */
    static CgroupV2Enforcer open(Path root, String groupName) throws IOException {
        Set<String> available = CgroupFiles.words(root.resolve("cgroup.controllers"));
        List<String> missing = CONTROLLERS.stream().filter(c -> !available.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new IOException("cgroup v2 at " + root + " lacks the " + CgroupFiles.join(missing) + " controller"
                    + (missing.size() > 1 ? "s" : ""));
        }
        try {
            CgroupFiles.probe(root);
            enable(root);  // fails (EBUSY) where the root holds processes itself, as in some containers
        } catch (IOException e) {
            throw new IOException("cgroup v2 at " + root + ": " + CgroupFiles.why(e), e);
        }
        return new CgroupV2Enforcer(root, groupName);
    }

    @Override
    public String describe() {
        return "cgroup v2 (cpu quota, memory, pids) + cpu affinity";
    }

    @Override
    public List<Path> prepare(String sessionId, ResourceLimits limits) throws IOException {
        Path dir = group.resolve(CgroupFiles.checkName(sessionId));
        try {
            enable(root);
            Files.createDirectories(group);
            enable(group);
            Files.createDirectories(dir);
            long quota = CgroupFiles.quotaUs(limits.cpu());
            CgroupFiles.write(dir.resolve("cpu.max"), (quota < 0 ? "max" : quota) + " " + CgroupFiles.PERIOD_US);
            String memory = limits.memoryBytes() > 0 ? Long.toString(limits.memoryBytes()) : "max";
            CgroupFiles.write(dir.resolve("memory.max"), memory);
            Path swap = dir.resolve("memory.swap.max");
            if (limits.memoryBytes() > 0 && Files.exists(swap)) {
                CgroupFiles.write(swap, "0");  // else the kernel swaps the session out instead of holding it to the limit
            }
            CgroupFiles.write(dir.resolve("pids.max"), limits.pidsMax() > 0 ? Long.toString(limits.pidsMax()) : "max");
        } catch (IOException | RuntimeException e) {
            release(sessionId);
            throw e;
        }
        return List.of(dir.resolve("cgroup.procs"));
    }

    @Override
    public void release(String sessionId) {
        if (CgroupFiles.validName(sessionId)) {
            CgroupFiles.rmdir(group.resolve(sessionId));
        }
    }

    @Override
    public Optional<ResourceUsage> usage(String sessionId) {
        if (!CgroupFiles.validName(sessionId) || !Files.isDirectory(group.resolve(sessionId))) {
            return Optional.empty();
        }
        Path dir = group.resolve(sessionId);
        try {
            long current = CgroupFiles.readLong(dir.resolve("memory.current"));
            Path peak = dir.resolve("memory.peak");  // kernels before 5.19 have no peak
            long max = Files.exists(peak) ? CgroupFiles.readLong(peak) : current;
            long cpu = CgroupFiles.statValue(dir.resolve("cpu.stat"), "usage_usec") * 1000;
            return Optional.of(new ResourceUsage(current, max, cpu));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Lets the children of {@code dir} use the controllers; written only when missing, as it may be read-only. */
    private static void enable(Path dir) throws IOException {
        Path control = dir.resolve("cgroup.subtree_control");
        if (!CgroupFiles.words(control).containsAll(CONTROLLERS)) {
            CgroupFiles.write(control, ENABLE);
        }
    }
}
