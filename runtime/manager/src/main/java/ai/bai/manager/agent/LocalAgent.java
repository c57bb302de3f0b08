package ai.bai.manager.agent;

import ai.bai.manager.session.SessionRecord.KernelPlacement;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs sessions as local processes: each has a folder of its own, an environment of its own, its slots enforced
 * by cgroups where the host allows (CPU affinity always), and a kernel runner forked by the zygote into a new
 * process session as the session's user, so it outlives the manager and can be re-adopted.
 */
public final class LocalAgent {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    /** Processes a session may have at once, where a pids cgroup enforces it. */
    static final long PIDS_MAX = 4096;

    private final SessionFolders folders;
    private final Path logsDir;
    private final HostTools.Python python;
    private final SessionUsers users;
    private final Enforcer enforcer;
    private final Path runtimeDir;
    private final Path runtimeBin;
    private KernelZygote zygote;

    public LocalAgent(Path scratchRoot, Path logsDir, HostTools.Python python, SessionUsers users, Enforcer enforcer) {
        this.folders = new SessionFolders(scratchRoot, users);
        this.logsDir = logsDir;
        this.python = python;
        this.users = users;
        this.enforcer = enforcer;
        this.runtimeDir = folders.installScripts();
        this.runtimeBin = folders.installCommands(python);
    }

    /** How sessions are confined, for {@code bai info}. */
    public String enforcement() {
        return "process session" + (users.dedicated() ? ", a dedicated uid" : "") + ", " + enforcer.describe();
    }

    /** The limits a session's requested slots and cores amount to. */
    public static ResourceLimits limits(Map<String, String> resources, List<Integer> cores) {
        return new ResourceLimits(new BigDecimal(resources.getOrDefault("cpu", "1")),
                Long.parseLong(resources.getOrDefault("mem", "0")), PIDS_MAX, new TreeSet<>(cores));
    }

    /** Starts the kernel and returns once its runner answers, or cleans up and throws. */
    public KernelPlacement start(KernelSpec spec) throws KernelStartException {
        Set<Integer> taken = new HashSet<>(spec.uidsInUse());
        if (users.dedicated()) {
            taken.addAll(ProcessTable.owners());  // other managers' sessions on this host
        }
        int uid = users.allocate(spec.seq(), taken);
        Path dir = folders.session(spec.sessionId());
        try {
            folders.prepare(dir, uid);
            return spawn(spec, dir, uid);
        } catch (IOException | KernelStartException | RuntimeException e) {
            SessionFolders.deleteTree(dir);
            enforcer.release(spec.sessionId());
            throw e instanceof KernelStartException k ? k : new KernelStartException(e.getMessage());
        }
    }

    /** Kills the kernel's processes and starts a fresh kernel in the same folder, as the same user. */
    public KernelPlacement restart(KernelSpec spec, KernelPlacement old) throws KernelStartException {
        kill(old);
        enforcer.release(spec.sessionId());
        Path dir = Path.of(old.directory());
        try {
            Files.deleteIfExists(SessionFolders.socket(dir));
            Files.deleteIfExists(SessionFolders.taskExit(dir));
            return spawn(spec, dir, old.uid());
        } catch (IOException e) {
            throw new KernelStartException(e.getMessage());
        }
    }

    private KernelPlacement spawn(KernelSpec spec, Path dir, int uid) throws IOException, KernelStartException {
        List<Path> cgroups = enforcer.prepare(spec.sessionId(), spec.limits());
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("uid", users.dedicated() ? uid : -1);
        request.put("workdir", dir.resolve("work").toString());
        request.put("socket", SessionFolders.socket(dir).toString());
        request.put("lang", spec.runtime());
        request.put("env", environment(spec, dir));
        request.put("log", logFile(spec.sessionId()).toString());
        request.put("cgroups", cgroups.stream().map(Path::toString).toList());
        request.put("cores", List.copyOf(spec.limits().cores()));
        KernelPlacement placement = new KernelPlacement(uid, zygote().spawn(request), dir.toString());
        try {
            awaitReady(placement);
            return placement;
        } catch (KernelStartException e) {
            kill(placement);
            throw e;
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
        return ProcessTable.isRunning(k.pid());
    }

    /** Kills every process of the session, removes its folder and its cgroups. */
    public void terminate(String sessionId, KernelPlacement k) {
        kill(k);
        SessionFolders.deleteTree(Path.of(k.directory()));
        enforcer.release(sessionId);
    }

    /** Removes what a start that never finished left behind: its processes (by folder owner) and folder. */
    public void discard(String sessionId) {
        Path dir = folders.session(sessionId);
        try {
            if (users.dedicated() && Files.isDirectory(dir.resolve("work"))) {
                int uid = (Integer) Files.getAttribute(dir.resolve("work"), "unix:uid");
                ProcessTable.sessionProcesses(-1, uid).forEach(pid ->
                        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            }
        } catch (IOException ignored) {
            // nothing to find
        }
        SessionFolders.deleteTree(dir);
        enforcer.release(sessionId);
    }

    /** Starts a batch session's startup command as the kernel's task. */
    public void startTask(KernelPlacement k, String command) throws IOException {
        try (RunnerConnection c = connect(k)) {
            c.send(Map.of("op", "task", "command", command));
            if (c.receive() == null) {
                throw new IOException("the kernel did not accept the task");
            }
        }
    }

    /** The task's exit code once it has ended. */
    public OptionalInt taskExit(KernelPlacement k) {
        try {
            return OptionalInt.of(Integer.parseInt(Files.readString(SessionFolders.taskExit(Path.of(k.directory())))
                    .trim()));
        } catch (IOException | NumberFormatException notYet) {
            return OptionalInt.empty();
        }
    }

    /** Memory and CPU use of the session, from its cgroup or else from its processes. */
    public Optional<ResourceUsage> usage(String sessionId, KernelPlacement k) {
        return enforcer.usage(sessionId).or(() -> ProcessTable.usage(k.pid(), users.dedicated() ? k.uid() : -1));
    }

    public RunnerConnection connect(KernelPlacement k) throws IOException {
        return RunnerConnection.open(SessionFolders.socket(Path.of(k.directory())));
    }

    public Path workdir(KernelPlacement k) {
        return Path.of(k.directory()).resolve("work");
    }

    public Path logFile(String sessionId) {
        return logsDir.resolve(sessionId + ".log");
    }

    /** Makes a file or folder the manager created inside a session belong to the session's user. */
    public void handOver(Path path, KernelPlacement k) throws IOException {
        folders.handOver(path, k.uid());
    }

    /** The zygote, started on first use and again if it died. */
    private synchronized KernelZygote zygote() throws IOException {
        if (zygote == null || !zygote.isAlive()) {
            zygote = KernelZygote.start(python, runtimeDir, logsDir.resolve("zygote.log"));
        }
        return zygote;
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
        // only the GPUs the session holds are visible to CUDA (none when it holds none)
        env.put("CUDA_VISIBLE_DEVICES", String.join(",", spec.gpus().stream().map(String::valueOf).toList()));
        env.putAll(spec.environ());
        return env;
    }

    private void awaitReady(KernelPlacement k) throws KernelStartException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Path socket = SessionFolders.socket(Path.of(k.directory()));
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
        for (int round = 0; round < 250; round++) {
            List<Long> pids = new java.util.ArrayList<>(ProcessTable.sessionProcesses(k.pid(), uid));
            if (round == 0 && !pids.contains(k.pid())) {
                pids.add(k.pid());
            }
            pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            if (ProcessTable.sessionProcesses(k.pid(), uid).isEmpty()) {
                return;
            }
            try {
                Thread.sleep(2);  // killed processes vanish within a few ms
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
}
