package ai.bai.manager.agent;

import ai.bai.manager.session.SessionRecord.KernelPlacement;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs sessions as local processes. Each session has a folder of its own ({@code work/} is its /home/work,
 * {@code run/} holds the kernel runner's socket), an environment of its own, and a kernel runner started in a
 * new process session as the session's user, so it outlives the manager and can be re-adopted.
 */
public final class LocalAgent {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final Path scratchRoot;
    private final Path logsDir;
    private final HostTools.Python python;
    private final SessionUsers users;
    private final Path runtimeDir;
    private final Path runtimeBin;
    private KernelZygote zygote;

    public LocalAgent(Path scratchRoot, Path logsDir, HostTools.Python python, SessionUsers users) {
        this.scratchRoot = scratchRoot;
        this.logsDir = logsDir;
        this.python = python;
        this.users = users;
        this.runtimeDir = installRunner(scratchRoot);
        this.runtimeBin = installCommands(scratchRoot, python);
        checkSocketPathLength(scratchRoot);
    }

    public HostTools.Python python() {
        return python;
    }

    /** How sessions are confined, for {@code bai info}. */
    public String enforcement() {
        return users.dedicated() ? "process-session, dedicated-uid" : "process-session";
    }

    /** Starts the kernel and returns once its runner answers, or cleans up and throws. */
    public KernelPlacement start(KernelSpec spec) throws KernelStartException {
        java.util.Set<Integer> taken = new java.util.HashSet<>(spec.uidsInUse());
        if (users.dedicated()) {
            taken.addAll(ProcessTable.owners());  // other managers' sessions on this host
        }
        int uid = users.allocate(spec.seq(), taken);
        Path dir = scratchRoot.resolve(spec.sessionId());
        Long pid = null;
        try {
            prepareFolders(dir, uid);
            pid = zygote().spawn(Map.of("uid", users.dedicated() ? uid : -1,
                    "workdir", dir.resolve("work").toString(), "socket", socket(dir).toString(),
                    "lang", spec.runtime(), "env", environment(spec, dir),
                    "log", logFile(spec.sessionId()).toString()));
            KernelPlacement placement = new KernelPlacement(uid, pid, dir.toString());
            awaitReady(placement);
            return placement;
        } catch (IOException | KernelStartException | RuntimeException e) {
            if (pid != null) {
                kill(new KernelPlacement(uid, pid, dir.toString()));
            }
            deleteTree(dir);
            throw e instanceof KernelStartException k ? k : new KernelStartException(e.getMessage());
        }
    }

    /** Starts the kernel zygote now, so that the first session does not wait for it. */
    public void prewarm() {
        try {
            zygote();
        } catch (IOException e) {
            // the first start reports it
        }
    }

    /** Stops the kernel zygote; running kernels are not affected. */
    public synchronized void close() {
        if (zygote != null) {
            zygote.close();
        }
    }

    /** Whether the kernel runner process still exists. */
    public boolean isAlive(KernelPlacement k) {
        return ProcessHandle.of(k.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Kills every process of the session and removes its folder. */
    public void terminate(KernelPlacement k) {
        kill(k);
        deleteTree(Path.of(k.directory()));
    }

    /** Removes what a start that never finished left behind: its processes (by folder owner) and folder. */
    public void discard(String sessionId) {
        Path dir = scratchRoot.resolve(sessionId);
        try {
            if (users.dedicated() && Files.isDirectory(dir.resolve("work"))) {
                int uid = (Integer) Files.getAttribute(dir.resolve("work"), "unix:uid");
                ProcessTable.sessionProcesses(-1, uid).forEach(pid ->
                        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            }
        } catch (IOException ignored) {
            // nothing to find
        }
        deleteTree(dir);
    }

    public RunnerConnection connect(KernelPlacement k) throws IOException {
        return RunnerConnection.open(socket(k));
    }

    public Path workdir(KernelPlacement k) {
        return Path.of(k.directory()).resolve("work");
    }

    public Path logFile(String sessionId) {
        return logsDir.resolve(sessionId + ".log");
    }

    /** Makes a file or folder the manager created inside a session belong to the session's user. */
    public void handOver(Path path, KernelPlacement k) throws IOException {
        if (users.dedicated()) {
            Files.setAttribute(path, "unix:uid", k.uid(), java.nio.file.LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", k.uid(), java.nio.file.LinkOption.NOFOLLOW_LINKS);
        }
    }

    private Path socket(KernelPlacement k) {
        return socket(Path.of(k.directory()));
    }

    private static Path socket(Path sessionDir) {
        return sessionDir.resolve("run/k.sock");
    }

    /** The zygote, started on first use and again if it died. */
    private synchronized KernelZygote zygote() throws IOException {
        if (zygote == null || !zygote.isAlive()) {
            zygote = KernelZygote.start(python, runtimeDir, logsDir.resolve("zygote.log"));
        }
        return zygote;
    }

    /** Unix socket paths are limited to 107 bytes; a session's must fit under the scratch root. */
    private static void checkSocketPathLength(Path scratchRoot) {
        int length = socket(scratchRoot.resolve(java.util.UUID.randomUUID().toString())).toString()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (length > 107) {
            throw new IllegalStateException("the scratch folder " + scratchRoot + " is too deep for session sockets ("
                    + length + " > 107 bytes); set BAI_SCRATCH to a shorter path");
        }
    }

    private Map<String, String> environment(KernelSpec spec, Path dir) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", runtimeBin + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("HOME", dir.resolve("work").toString());
        env.put("USER", "work");
        env.put("LOGNAME", "work");
        env.put("LANG", "C.UTF-8");
        env.put("SHELL", "/bin/bash");
        env.put("BACKENDAI_SESSION_ID", spec.sessionId());
        env.put("BACKENDAI_SESSION_NAME", spec.sessionName());
        env.put("BACKENDAI_KERNEL_IMAGE", spec.image());
        env.put("BACKENDAI_CLUSTER_SIZE", "1");
        env.put("BACKENDAI_CLUSTER_ROLE", "main");
        env.putAll(spec.environ());
        return env;
    }

    private void prepareFolders(Path dir, int uid) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        for (String sub : List.of("work", "run")) {
            Path p = Files.createDirectories(dir.resolve(sub));
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
            if (users.dedicated()) {
                Files.setAttribute(p, "unix:uid", uid);
                Files.setAttribute(p, "unix:gid", uid);
            }
        }
    }

    private void awaitReady(KernelPlacement k) throws KernelStartException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Path socket = socket(k);
        while (System.nanoTime() < deadline) {
            if (!isAlive(k)) {
                throw new KernelStartException("the kernel exited at start: "
                        + tail(Path.of(k.directory()).getFileName().toString()));
            }
            if (Files.exists(socket)) {
                try {
                    if (RunnerConnection.ping(socket)) {
                        return;
                    }
                } catch (IOException notYetListening) {
                    // bound but not yet accepting: try again
                }
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KernelStartException("interrupted while the kernel started");
            }
        }
        throw new KernelStartException("the kernel did not answer within " + START_TIMEOUT.toSeconds() + " s");
    }

    private void kill(KernelPlacement k) {
        int uid = users.dedicated() ? k.uid() : -1;
        for (int round = 0; round < 50; round++) {
            List<Long> pids = ProcessTable.sessionProcesses(k.pid(), uid);
            if (round == 0 && !pids.contains(k.pid())) {
                pids = new ArrayList<>(pids);
                pids.add(k.pid());
            }
            pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            if (ProcessTable.sessionProcesses(k.pid(), uid).isEmpty()) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String tail(String sessionId) {
        try {
            String log = Files.readString(logFile(sessionId));
            return log.length() > 400 ? log.substring(log.length() - 400).trim() : log.trim();
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Copies the kernel runner and zygote scripts to {@code <scratch>/.runtime}; returns that folder. */
    private static Path installRunner(Path scratchRoot) {
        try {
            Path dir = Files.createDirectories(scratchRoot.resolve(".runtime"));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String script : List.of("kernel_runner.py", "kernel_zygote.py")) {
                Path target = dir.resolve(script);
                try (InputStream in = LocalAgent.class.getResourceAsStream(script)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the kernel runner under " + scratchRoot, e);
        }
    }

    /** {@code python} and {@code python3} in sessions are the resolved interpreter, whatever the host calls it. */
    private static Path installCommands(Path scratchRoot, HostTools.Python python) {
        try {
            Path bin = Files.createDirectories(scratchRoot.resolve(".runtime/bin"));
            Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String name : List.of("python", "python3")) {
                Path link = bin.resolve(name);
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, python.executable());
            }
            return bin;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install session commands under " + scratchRoot, e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a file that cannot go stays, the folder with it
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // the folder went away meanwhile
        }
    }
}
