package ai.bai.manager;

import ai.bai.api.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What clients know about the embedded manager: whether one runs for a BAI_HOME, how to start one in the
 * background (its own process session, so a Ctrl-C in the terminal does not reach it), and how to stop it.
 */
public final class EmbeddedManager {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final ManagerFiles files;

    public EmbeddedManager(ManagerFiles files) {
        this.files = files;
    }

    /** A running manager: its pid and URL, with the keypair clients sign with. */
    public record Running(long pid, URI url, String accessKey, String secretKey) {
    }

    public ManagerFiles files() {
        return files;
    }

    /** The manager running for this home, if one answers. */
    public Optional<Running> find() {
        try {
            if (!Files.exists(files.state())) {
                return Optional.empty();
            }
            JsonNode state = Json.tree(Files.readString(files.state()));
            long pid = state.path("pid").asLong();
            URI url = URI.create(state.path("url").asText());
            if (!isSameProcess(pid, state.path("started").asText())) {
                return Optional.empty();
            }
            JsonNode keys = Json.tree(Files.readString(files.keypair()));
            return Optional.of(new Running(pid, url, keys.path("access_key").asText(),
                    keys.path("secret_key").asText()));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The running manager, starting one in the background first when none runs.
     *
     * @param settings the caller's environment: its {@code BAI_*} settings (BAI_CPU, BAI_PYTHON, ...) reach the
     *                 manager it starts
     */
    public Running ensureRunning(List<String> jvmOptions, Map<String, String> settings) throws IOException {
        Optional<Running> running = find();
        if (running.isPresent()) {
            return running.get();
        }
        Files.createDirectories(files.home());
        try (FileChannel ch = FileChannel.open(files.startLock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            running = find();
            if (running.isPresent()) {
                return running.get();
            }
            return await(spawn(jvmOptions, settings));
        }
    }

    /** Asks the running manager to stop (SIGTERM) and waits until it has. Returns false when none ran. */
    public boolean stop(Duration wait) throws InterruptedException {
        Optional<Running> running = find();
        if (running.isEmpty()) {
            return false;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(running.get().pid());
        if (handle.isEmpty()) {
            return false;
        }
        handle.get().destroy();
        long deadline = System.nanoTime() + wait.toNanos();
        while (handle.get().isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (handle.get().isAlive()) {
            handle.get().destroyForcibly();
        }
        return true;
    }

    private Process spawn(List<String> jvmOptions, Map<String, String> settings) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of("setsid", java));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                ManagerMain.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(files.log().toFile()))
                .redirectErrorStream(true);
        settings.forEach((k, v) -> {
            if (k.startsWith("BAI_")) {
                pb.environment().put(k, v);
            }
        });
        pb.environment().put("BAI_HOME", files.home().toString());
        Files.deleteIfExists(files.state());
        return pb.start();
    }

    private Running await(Process process) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Running> running = find();
            if (running.isPresent()) {
                return running.get();
            }
            if (!process.isAlive()) {
                throw new IOException("the bai manager did not start (exit code " + process.exitValue() + "); "
                        + "see " + files.log() + ": " + tail());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the manager started");
            }
        }
        throw new IOException("the bai manager did not answer within " + START_TIMEOUT.toSeconds() + " s; see "
                + files.log());
    }

    private String tail() {
        try {
            String log = Files.readString(files.log());
            return log.length() > 600 ? log.substring(log.length() - 600).trim() : log.trim();
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Whether {@code pid} is alive and started when the state file says (so not a recycled pid). */
    private static boolean isSameProcess(long pid, String started) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .flatMap(h -> h.info().startInstant()).map(i -> i.toString().equals(started)).orElse(false);
    }
}
