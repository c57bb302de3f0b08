package ai.bai.launcher;

import ai.bai.manager.EmbeddedManager;
import ai.bai.manager.ManagerFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The workload that start-up caches are recorded from (see {@code ./bai}): the everyday commands against a
 * throw-away embedded manager, so the cache holds the classes a short CLI command really loads.
 */
public final class Training {
    private static final List<List<String>> COMMANDS = List.of(
            List.of("run", "--rm", "-c", "print(1)", "python"),
            List.of("start", "-t", "bai-training", "python"),
            List.of("run", "-t", "bai-training", "-c", "x = 1"),
            List.of("ps"),
            List.of("ps", "--all", "--detail"),
            List.of("info", "bai-training"),
            List.of("logs", "bai-training"),
            List.of("rm", "bai-training"),
            List.of("server", "status"),
            List.of("--help"));

    private Training() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("bai-training-");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx--x--x"));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("BACKEND_") || k.startsWith("SORNA_"));
        env.put("BAI_HOME", home.toString());
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        int failures = 0;
        try {
            for (List<String> command : COMMANDS) {
                if (Main.run(command.toArray(String[]::new), env, InputStream.nullInputStream(), discard, discard)
                        != 0) {
                    failures++;
                }
            }
        } finally {
            new EmbeddedManager(ManagerFiles.fromEnvironment(env)).stop(Duration.ofSeconds(20));
            try (var paths = Files.walk(home)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(failures == 0 ? 0 : 1);
    }
}
