package ai.bai.manager;

import ai.bai.manager.agent.HostTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** Where the embedded manager keeps its state under BAI_HOME, for the manager and the clients that start it. */
public record ManagerFiles(Path home) {

    /** BAI_HOME, else $XDG_DATA_HOME/bai, else ~/.local/share/bai. */
    public static ManagerFiles fromEnvironment(Map<String, String> env) {
        String home = env.get("BAI_HOME");
        if (home != null && !home.isBlank()) {
            return new ManagerFiles(Path.of(home).toAbsolutePath());
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".local", "share");
        return new ManagerFiles(base.resolve("bai").toAbsolutePath());
    }

    public Path database() {
        return home.resolve("manager.db");
    }

    /** The keypair clients sign with; mode 0600. */
    public Path keypair() {
        return home.resolve("keypair.json");
    }

    /** Written once the manager listens: its pid and URL; removed when it stops. */
    public Path state() {
        return home.resolve("manager.json");
    }

    /** Held by the running manager, so two managers never share one home. */
    public Path runLock() {
        return home.resolve("manager.lock");
    }

    /** Held by a client while it starts a manager, so concurrent clients start only one. */
    public Path startLock() {
        return home.resolve("start.lock");
    }

    public Path log() {
        return home.resolve("manager.log");
    }

    public Path sessionLogs() {
        return home.resolve("logs");
    }

    /**
     * Where session folders live. Under BAI_HOME when session users can reach it; when the manager is root and
     * BAI_HOME is private (e.g. under /root), a folder of its own under /var/tmp instead.
     */
    public Path scratch(String configured, boolean sessionsRunAsOthers) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        Path inside = home.resolve("scratch");
        if (!sessionsRunAsOthers || HostTools.searchableByOthers(home)) {
            return inside;
        }
        return Path.of("/var/tmp", "bai-scratch-" + shortHash(home.toString()));
    }

    private static String shortHash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
