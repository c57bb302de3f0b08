package ai.bai.manager.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnforcerTest {
    static final long MIB = 1024 * 1024;
    static final Path SYS = Path.of("/sys/fs/cgroup");

    @TempDir
    Path root;
    final String testGroup = "bai-test-" + UUID.randomUUID().toString().substring(0, 8);

    static ResourceLimits limits(String cpu, long memory, long pids, Integer... cores) {
        return new ResourceLimits(cpu == null ? null : new BigDecimal(cpu), memory, pids, new TreeSet<>(Set.of(cores)));
    }

    // ---- cgroup v2, on a fake hierarchy ----

    @Test
    void v2WritesLimitsReadsUsageAndReleases() throws IOException {
        Files.writeString(root.resolve("cgroup.controllers"), "cpuset cpu io memory hugetlb pids rdma misc\n");
        Files.writeString(root.resolve("cgroup.subtree_control"), "");
        Enforcer e = Enforcer.detect(root, "bai");
        assertInstanceOf(CgroupV2Enforcer.class, e, e.describe());
        assertEquals("cgroup v2 (cpu quota, memory, pids) + cpu affinity", e.describe());
        assertEquals(Set.of("cgroup.controllers", "cgroup.subtree_control"), names(root), "the probe group is gone");

        Path s = root.resolve("bai/s1");
        assertEquals(List.of(s.resolve("cgroup.procs")), e.prepare("s1", limits("1.5", 256 * MIB, 100, 0, 1)));
        assertEquals("+cpu +memory +pids", read(root.resolve("cgroup.subtree_control")));
        assertEquals("+cpu +memory +pids", read(root.resolve("bai/cgroup.subtree_control")));
        assertEquals("150000 100000", read(s.resolve("cpu.max")));
        assertEquals("268435456", read(s.resolve("memory.max")));
        assertEquals("100", read(s.resolve("pids.max")));

        Files.writeString(s.resolve("memory.current"), "4096\n");
        Files.writeString(s.resolve("cpu.stat"), "usage_usec 2500\nuser_usec 2000\nsystem_usec 500\n");
        assertEquals(Optional.of(new ResourceUsage(4096, 4096, 2_500_000)), e.usage("s1"), "no memory.peak: current");
        Files.writeString(s.resolve("memory.peak"), "8192\n");
        assertEquals(Optional.of(new ResourceUsage(4096, 8192, 2_500_000)), e.usage("s1"));

        clear(s);  // a real cgroup folder's files go with rmdir; a fake one's must go first
        e.release("s1");
        assertFalse(Files.exists(s));
        e.release("s1");  // idempotent
        assertEquals(Optional.empty(), e.usage("s1"));
        assertTrue(Files.isDirectory(root.resolve("bai")), "the shared group stays");
    }

    @Test
    void v2UnlimitedAndRoundedValues() throws IOException {
        Files.writeString(root.resolve("cgroup.controllers"), "cpu memory pids");
        Enforcer e = Enforcer.detect(root, "bai");
        e.prepare("a", limits(null, 0, 0));
        assertEquals("max 100000", read(root.resolve("bai/a/cpu.max")));
        assertEquals("max", read(root.resolve("bai/a/memory.max")));
        assertEquals("max", read(root.resolve("bai/a/pids.max")));
        e.prepare("b", limits("0.3333", MIB, 1));
        assertEquals("33330 100000", read(root.resolve("bai/b/cpu.max")));
        e.prepare("c", limits("0.001", MIB, 1));
        assertEquals("1000 100000", read(root.resolve("bai/c/cpu.max")), "the kernel's minimum quota is 1 ms");
    }

    @Test
    void v2WithoutTheControllersIsNotUsed() throws IOException {
        Files.writeString(root.resolve("cgroup.controllers"), "cpu memory io");
        Enforcer e = Enforcer.detect(root, "bai");
        AffinityOnlyEnforcer a = assertInstanceOf(AffinityOnlyEnforcer.class, e);
        assertTrue(a.reason().contains("lacks the pids controller"), a.reason());
    }

    @Test
    void sessionIdsCannotClimbOutOfTheGroup() throws IOException {
        Files.writeString(root.resolve("cgroup.controllers"), "cpu memory pids");
        Enforcer e = Enforcer.detect(root, "bai");
        for (String bad : List.of("..", "../x", "a/b", "", ".hidden")) {
            assertThrows(IllegalArgumentException.class, () -> e.prepare(bad, limits("1", MIB, 1)), bad);
            e.release(bad);
            assertEquals(Optional.empty(), e.usage(bad));
        }
    }

    // ---- cgroup v1, on fake hierarchies ----

    @Test
    void v1SeparateMountsWithCpuset() throws IOException {
        for (String c : List.of("cpu", "cpuacct", "cpuset", "memory", "pids", "devices")) {
            Files.createDirectories(root.resolve(c));
        }
        Files.writeString(root.resolve("cpuset/cpuset.cpus"), "0-3\n");
        Files.writeString(root.resolve("cpuset/cpuset.mems"), "0\n");
        Enforcer e = Enforcer.detect(root, "bai");
        assertInstanceOf(CgroupV1Enforcer.class, e, e.describe());
        assertEquals("cgroup v1 (cpu quota, memory, pids, cpuset) + cpu affinity", e.describe());

        List<Path> procs = e.prepare("s1", limits("0.5", 64 * MIB, 64, 1, 2));
        assertEquals(Stream.of("cpu", "memory", "pids", "cpuacct", "cpuset")
                .map(c -> root.resolve(c + "/bai/s1/cgroup.procs")).toList(), procs);
        assertEquals("100000", read(root.resolve("cpu/bai/s1/cpu.cfs_period_us")));
        assertEquals("50000", read(root.resolve("cpu/bai/s1/cpu.cfs_quota_us")));
        assertEquals("67108864", read(root.resolve("memory/bai/s1/memory.limit_in_bytes")));
        assertEquals("64", read(root.resolve("pids/bai/s1/pids.max")));
        assertEquals("0-3", read(root.resolve("cpuset/bai/cpuset.cpus")), "the shared group takes its parent's");
        assertEquals("0", read(root.resolve("cpuset/bai/cpuset.mems")));
        assertEquals("1,2", read(root.resolve("cpuset/bai/s1/cpuset.cpus")));
        assertEquals("0", read(root.resolve("cpuset/bai/s1/cpuset.mems")));

        Files.writeString(root.resolve("memory/bai/s1/memory.usage_in_bytes"), "1000\n");
        Files.writeString(root.resolve("memory/bai/s1/memory.max_usage_in_bytes"), "3000\n");
        Files.writeString(root.resolve("cpuacct/bai/s1/cpuacct.usage"), "123456789\n");
        assertEquals(Optional.of(new ResourceUsage(1000, 3000, 123_456_789)), e.usage("s1"));

        procs.forEach(p -> clear(p.getParent()));
        e.release("s1");
        procs.forEach(p -> assertFalse(Files.exists(p.getParent()), p.getParent().toString()));
        e.release("s1");
        assertEquals(Optional.empty(), e.usage("s1"));
    }

    @Test
    void v1CoMountedControllersShareOneGroup() throws IOException {
        Files.createDirectories(root.resolve("cpu,cpuacct"));
        Files.createSymbolicLink(root.resolve("cpu"), Path.of("cpu,cpuacct"));
        Files.createSymbolicLink(root.resolve("cpuacct"), Path.of("cpu,cpuacct"));
        Files.createDirectories(root.resolve("memory"));
        Files.createDirectories(root.resolve("pids"));
        Enforcer e = Enforcer.detect(root, "bai");
        assertEquals("cgroup v1 (cpu quota, memory, pids) + cpu affinity", e.describe());

        List<Path> procs = e.prepare("s1", limits("2", 0, 0, 0));
        Path cpu = root.toRealPath().resolve("cpu,cpuacct/bai/s1");
        assertEquals(List.of(cpu.resolve("cgroup.procs"), root.toRealPath().resolve("memory/bai/s1/cgroup.procs"),
                root.toRealPath().resolve("pids/bai/s1/cgroup.procs")), procs);
        assertEquals("200000", read(cpu.resolve("cpu.cfs_quota_us")));
        assertEquals("-1", read(root.resolve("memory/bai/s1/memory.limit_in_bytes")));
        assertEquals("max", read(root.resolve("pids/bai/s1/pids.max")));
        Files.writeString(root.resolve("memory/bai/s1/memory.usage_in_bytes"), "1");
        Files.writeString(root.resolve("memory/bai/s1/memory.max_usage_in_bytes"), "2");
        Files.writeString(cpu.resolve("cpuacct.usage"), "3");
        assertEquals(Optional.of(new ResourceUsage(1, 2, 3)), e.usage("s1"));
    }

    @Test
    void v1WithoutPidsFallsBackToTheUnifiedHierarchy() throws IOException {
        Files.createDirectories(root.resolve("cpu"));
        Files.createDirectories(root.resolve("memory"));
        Files.createDirectories(root.resolve("unified"));
        Files.writeString(root.resolve("unified/cgroup.controllers"), "cpu memory pids");
        Enforcer e = Enforcer.detect(root, "bai");
        assertInstanceOf(CgroupV2Enforcer.class, e, e.describe());
        assertEquals(List.of(root.resolve("unified/bai/s/cgroup.procs")), e.prepare("s", limits("1", MIB, 8)));
    }

    // ---- no cgroups ----

    @Test
    void affinityOnlyWhereThereIsNoHierarchy() throws IOException {
        Enforcer e = Enforcer.detect(root, "bai");
        AffinityOnlyEnforcer a = assertInstanceOf(AffinityOnlyEnforcer.class, e);
        assertTrue(e.describe().startsWith("cpu affinity only (no writable cgroup hierarchy: "), e.describe());
        assertTrue(a.reason().contains("no cgroup v1 hierarchy under " + root), a.reason());
        assertEquals(List.of(), e.prepare("s1", limits("1", MIB, 1, 0)));
        assertEquals(Optional.empty(), e.usage("s1"));
        e.release("s1");
        assertEquals(Set.of(), names(root));

        Enforcer missing = Enforcer.detect(root.resolve("nope"), "bai");
        assertTrue(missing.describe().contains("no cgroup file system at " + root.resolve("nope")), missing.describe());
    }

    // ---- the real cgroup v1 hierarchy of this host (root only) ----

    @Test
    void realV1GroupHoldsAProcessToItsLimits() throws Exception {
        Enforcer e = realV1();
        List<Path> procs = e.prepare("s1", limits("0.5", 64 * MIB, 64, 0));
        Process p = new ProcessBuilder("sleep", "30").start();
        try {
            for (Path f : procs) {
                Files.writeString(f, Long.toString(p.pid()));
            }
            Path g = SYS.resolve("memory").resolve(testGroup).resolve("s1");
            assertTrue(read(g.resolve("cgroup.procs")).lines().anyMatch(l -> l.equals(Long.toString(p.pid()))));
            assertEquals("50000", read(SYS.resolve("cpu").resolve(testGroup).resolve("s1/cpu.cfs_quota_us")));
            long limit = Long.parseLong(read(g.resolve("memory.limit_in_bytes")));
            assertEquals(64 * MIB / 4096 * 4096, limit, "the kernel keeps whole pages");
            assertEquals("64", read(SYS.resolve("pids").resolve(testGroup).resolve("s1/pids.max")));
            ResourceUsage u = e.usage("s1").orElseThrow();
            assertTrue(u.memoryBytes() >= 0 && u.maxMemoryBytes() >= u.memoryBytes() && u.cpuNanos() >= 0, u.toString());
        } finally {
            p.destroyForcibly().waitFor();
        }
        e.release("s1");
        assertEquals(List.of(), sessionFolders("s1"));
    }

    @Test
    void realV1MemoryLimitKillsAMemoryHog() throws Exception {
        Enforcer e = realV1();
        assumeTrue(new ProcessBuilder("python3", "-c", "pass").start().waitFor() == 0, "needs python3");
        List<Path> procs = e.prepare("hog", limits("1", 64 * MIB, 64));
        Process p = new ProcessBuilder("sh", "-c", "read x; exec python3 -c 'b = bytearray(200*1024*1024); print(len(b))'")
                .redirectErrorStream(true).start();
        String out;
        try {
            for (Path f : procs) {
                Files.writeString(f, Long.toString(p.pid()));
            }
            p.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the hog neither finished nor was killed");
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Path memory = SYS.resolve("memory").resolve(testGroup).resolve("hog");
            assertTrue(oomKillsOrFailures(memory) > 0, "the limit was never hit");
        } finally {
            p.destroyForcibly().waitFor();
        }
        assertNotEquals(0, p.exitValue(), out);
        assertFalse(out.contains("209715200"), out);
        e.release("hog");
        assertEquals(List.of(), sessionFolders("hog"));
    }

    /** Removes whatever a real test left under /sys/fs/cgroup/<ctrl>/<testGroup>, processes first. */
    @AfterEach
    void removeRealGroups() throws Exception {
        for (Path g : groupFolders()) {
            try (Stream<Path> sessions = Files.list(g)) {
                for (Path s : sessions.filter(Files::isDirectory).toList()) {
                    read(s.resolve("cgroup.procs")).lines().forEach(pid ->
                            ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly));
                    CgroupFiles.rmdir(s);
                }
            }
            CgroupFiles.rmdir(g);
        }
        assertEquals(List.of(), groupFolders(), "cgroup folders left behind");
    }

    private Enforcer realV1() {
        Path memory = SYS.resolve("memory");
        assumeTrue(Files.isDirectory(memory) && Files.isWritable(memory),
                "needs a writable cgroup v1 memory hierarchy at " + memory + " (root on a cgroup v1 host)");
        long start = System.nanoTime();
        Enforcer e = Enforcer.detect(SYS, testGroup);
        long micros = (System.nanoTime() - start) / 1000;
        System.out.println("detect: " + e.describe() + " in " + micros + " µs");
        assertInstanceOf(CgroupV1Enforcer.class, e, e.describe());
        return e;
    }

    /** The group's OOM kills (kernels since 4.13 count them), else how often it hit its limit. */
    private static long oomKillsOrFailures(Path memoryGroup) throws IOException {
        Optional<Long> kills = read(memoryGroup.resolve("memory.oom_control")).lines()
                .filter(l -> l.startsWith("oom_kill ")).map(l -> Long.parseLong(l.substring(9).trim())).findFirst();
        return kills.isPresent() ? kills.get() : Long.parseLong(read(memoryGroup.resolve("memory.failcnt")));
    }

    private List<Path> groupFolders() throws IOException {
        if (!Files.isDirectory(SYS)) {
            return List.of();
        }
        try (Stream<Path> mounts = Files.list(SYS)) {
            return mounts.map(m -> m.resolve(testGroup)).filter(Files::isDirectory).toList();
        }
    }

    private List<Path> sessionFolders(String id) throws IOException {
        return groupFolders().stream().map(g -> g.resolve(id)).filter(Files::exists).toList();
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file).trim();
    }

    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        }
    }

    private static void clear(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.toList()) {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
