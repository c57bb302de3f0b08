package ai.bai.manager.agent;

import ai.bai.manager.session.SessionRecord.KernelPlacement;
import java.io.File;
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
    private final Path runnerScript;
    private final Path runtimeBin;

    public LocalAgent(Path scratchRoot, Path logsDir, HostTools.Python python, SessionUsers users) {
        this.scratchRoot = scratchRoot;
        this.logsDir = logsDir;
        this.python = python;
        this.users = users;
        this.runnerScript = installRunner(scratchRoot);
        this.runtimeBin = installCommands(scratchRoot, python);
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
        Process process = null;
        try {
            prepareFolders(dir, uid);
            ProcessBuilder pb = new ProcessBuilder(command(spec, dir, uid))
                    .directory(dir.resolve("work").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(spec.sessionId()).toFile()))
                    .redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().putAll(environment(spec, dir));
            process = pb.start();
            KernelPlacement placement = new KernelPlacement(uid, process.pid(), dir.toString());
            awaitReady(placement, process);
            return placement;
        } catch (IOException | KernelStartException | RuntimeException e) {
            if (process != null) {
                kill(new KernelPlacement(uid, process.pid(), dir.toString()));
            }
            deleteTree(dir);
            throw e instanceof KernelStartException k ? k : new KernelStartException(e.getMessage());
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
        return Path.of(k.directory(), "run", "kernel.sock");
    }

    private List<String> command(KernelSpec spec, Path dir, int uid) {
        List<String> cmd = new ArrayList<>(users.launchPrefix(uid));
        cmd.addAll(List.of(python.executable().toString(), runnerScript.toString(),
                "--socket", dir.resolve("run/kernel.sock").toString(),
                "--workdir", dir.resolve("work").toString(), "--lang", spec.runtime()));
        return cmd;
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

    private void awaitReady(KernelPlacement k, Process process) throws KernelStartException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Path socket = socket(k);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new KernelStartException("the kernel exited at start (code " + process.exitValue() + "): "
                        + tail(Path.of(k.directory()).getFileName().toString()));
            }
            if (Files.exists(socket)) {
                try {
                    var reply = RunnerConnection.call(socket, Map.of("op", "ping"));
                    if (reply != null && "pong".equals(reply.path("t").asText())) {
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

    private static Path installRunner(Path scratchRoot) {
        try {
            Path dir = Files.createDirectories(scratchRoot.resolve(".runtime"));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path target = dir.resolve("kernel_runner.py");
            try (InputStream in = LocalAgent.class.getResourceAsStream("kernel_runner.py")) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
            return target;
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
