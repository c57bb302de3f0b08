package ai.bai.manager.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Session limits in cgroup v1 hierarchies: one group per session at {@code <mount>/<group>/<session>} in each of
 * the cpu (CFS quota), memory, pids and, where present, cpuacct (CPU time) and cpuset (pinned cores) hierarchies.
 * Co-mounted controllers (such as {@code cpu,cpuacct}) share one folder.
 */
public final class CgroupV1Enforcer implements Enforcer {
    private final Path cpu;
    private final Path memory;
    private final Path pids;
    private final Path cpuacct;  // null where there is none
    private final Path cpuset;  // null where there is none or groups cannot be made in it
    private final Set<Path> groups;  // the distinct <mount>/<group> folders, each session has a group in every one

    private CgroupV1Enforcer(Path cpu, Path memory, Path pids, Path cpuacct, Path cpuset, String groupName) {
        this.cpu = cpu.resolve(groupName);
        this.memory = memory.resolve(groupName);
        this.pids = pids.resolve(groupName);
        this.cpuacct = cpuacct == null ? null : cpuacct.resolve(groupName);
        this.cpuset = cpuset == null ? null : cpuset.resolve(groupName);
        this.groups = Stream.of(this.cpu, this.memory, this.pids, this.cpuacct, this.cpuset)
                .filter(p -> p != null).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The enforcer for the v1 hierarchies under {@code root}, or an IOException that says why it cannot be used. */
    static CgroupV1Enforcer open(Path root, String groupName) throws IOException {
        Path cpu = mount(root, "cpu");
        Path memory = mount(root, "memory");
        Path pids = mount(root, "pids");
        List<String> missing = Stream.of("cpu", "memory", "pids").filter(c -> mount(root, c) == null).toList();
        if (missing.size() == 3) {
            throw new IOException("no cgroup v1 hierarchy under " + root);
        }
        if (!missing.isEmpty()) {
            throw new IOException("cgroup v1 under " + root + " lacks the " + CgroupFiles.join(missing) + " hierarchy");
        }
        for (Path m : new LinkedHashSet<>(List.of(cpu, memory, pids))) {
            try {
                CgroupFiles.probe(m);
            } catch (IOException e) {
                throw new IOException("cgroup v1: cannot create groups in " + m + " (" + CgroupFiles.why(e) + ")", e);
            }
        }
        Path cpuset = mount(root, "cpuset");
        try {
            if (cpuset != null && !List.of(cpu, memory, pids).contains(cpuset)) {
                CgroupFiles.probe(cpuset);
            }
        } catch (IOException e) {
            cpuset = null;  // optional: the caller pins cores with sched_setaffinity anyway
        }
        return new CgroupV1Enforcer(cpu, memory, pids, mount(root, "cpuacct"), cpuset, groupName);
    }

    @Override
    public String describe() {
        return "cgroup v1 (cpu quota, memory, pids" + (cpuset != null ? ", cpuset" : "") + ") + cpu affinity";
    }

    @Override
    public List<Path> prepare(String sessionId, ResourceLimits limits) throws IOException {
        String id = CgroupFiles.checkName(sessionId);
        try {
            List<Path> procs = new ArrayList<>();
            for (Path g : groups) {
                Path dir = Files.createDirectories(g.resolve(id));
                procs.add(dir.resolve("cgroup.procs"));
            }
            if (cpuset != null) {
                pin(cpuset.resolve(id), limits);
            }
            Path c = cpu.resolve(id);
            CgroupFiles.write(c.resolve("cpu.cfs_period_us"), Long.toString(CgroupFiles.PERIOD_US));
            CgroupFiles.write(c.resolve("cpu.cfs_quota_us"), Long.toString(CgroupFiles.quotaUs(limits.cpu())));
            limitMemory(memory.resolve(id), limits.memoryBytes());
            String max = limits.pidsMax() > 0 ? Long.toString(limits.pidsMax()) : "max";
            CgroupFiles.write(pids.resolve(id).resolve("pids.max"), max);
            return List.copyOf(procs);
        } catch (IOException | RuntimeException e) {
            release(sessionId);
            throw e;
        }
    }

    @Override
    public void release(String sessionId) {
        if (CgroupFiles.validName(sessionId)) {
            groups.forEach(g -> CgroupFiles.rmdir(g.resolve(sessionId)));
        }
    }

    @Override
    public Optional<ResourceUsage> usage(String sessionId) {
        if (!CgroupFiles.validName(sessionId) || !Files.isDirectory(memory.resolve(sessionId))) {
            return Optional.empty();
        }
        Path m = memory.resolve(sessionId);
        try {
            long cpuNanos = cpuacct == null ? -1 : CgroupFiles.readLong(cpuacct.resolve(sessionId).resolve("cpuacct.usage"));
            return Optional.of(new ResourceUsage(CgroupFiles.readLong(m.resolve("memory.usage_in_bytes")),
                    CgroupFiles.readLong(m.resolve("memory.max_usage_in_bytes")), cpuNanos));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * A new cpuset group starts with no cpus and no memory nodes, and no process can join it until both are set:
     * the shared group takes its parent's, the session's group its cores (or all of the group's) and memory nodes.
     */
    private static void pin(Path dir, ResourceLimits limits) throws IOException {
        Path group = dir.getParent();
        for (String file : List.of("cpuset.cpus", "cpuset.mems")) {
            if (CgroupFiles.readOrEmpty(group.resolve(file)).isEmpty()) {
                CgroupFiles.write(group.resolve(file), CgroupFiles.read(group.getParent().resolve(file)));
            }
        }
        CgroupFiles.write(dir.resolve("cpuset.mems"), CgroupFiles.read(group.resolve("cpuset.mems")));
        String cores = limits.cores().stream().map(String::valueOf).collect(Collectors.joining(","));
        CgroupFiles.write(dir.resolve("cpuset.cpus"), cores.isEmpty() ? CgroupFiles.read(group.resolve("cpuset.cpus")) : cores);
    }

    /** The limit covers memory and swap where swap is accounted: else the kernel swaps rather than enforcing it. */
    private static void limitMemory(Path dir, long bytes) throws IOException {
        String limit = bytes > 0 ? Long.toString(bytes) : "-1";
        Path memsw = dir.resolve("memory.memsw.limit_in_bytes");
        boolean swap = Files.exists(memsw);
        if (swap) {
            CgroupFiles.write(memsw, "-1");  // memsw may never be below the memory limit, also while both change
        }
        CgroupFiles.write(dir.resolve("memory.limit_in_bytes"), limit);
        if (swap) {
            CgroupFiles.write(memsw, limit);
        }
    }

    /** The mount folder of the hierarchy with {@code ctrl}: {@code <root>/<ctrl>} or a co-mount like "cpu,cpuacct". */
    private static Path mount(Path root, String ctrl) {
        try (Stream<Path> children = Files.list(root)) {
            Path direct = root.resolve(ctrl);
            Optional<Path> found = Files.isDirectory(direct) ? Optional.of(direct) : children
                    .filter(p -> Arrays.asList(p.getFileName().toString().split(",")).contains(ctrl))
                    .filter(Files::isDirectory).findFirst();
            return found.isPresent() ? found.get().toRealPath() : null;  // real path: co-mounts become one folder
        } catch (IOException e) {
            return null;
        }
    }
}
