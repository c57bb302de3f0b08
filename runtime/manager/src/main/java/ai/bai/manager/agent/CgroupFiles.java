package ai.bai.manager.agent;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Helpers shared by the cgroup enforcers. Control files are small text files read and written in one go. */
final class CgroupFiles {
    /** CFS period in microseconds; quotas are expressed per this period. */
    static final long PERIOD_US = 100_000;
    private static final long MIN_QUOTA_US = 1_000;  // the kernel refuses quotas below 1 ms
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private CgroupFiles() {
    }

    /** Whether a session id or group name is safe as one folder name (it must not climb out of the group). */
    static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    static String checkName(String name) {
        if (!validName(name)) {
            throw new IllegalArgumentException("not usable as a cgroup name: " + name);
        }
        return name;
    }

    /** CPU quota in microseconds per period, or -1 for none. */
    static long quotaUs(BigDecimal cpu) {
        if (cpu == null || cpu.signum() <= 0) {
            return -1;
        }
        long us = cpu.multiply(BigDecimal.valueOf(PERIOD_US)).setScale(0, RoundingMode.HALF_UP).longValue();
        return Math.max(MIN_QUOTA_US, us);
    }

    static void write(Path file, String value) throws IOException {
        Files.writeString(file, value);
    }

    static String read(Path file) throws IOException {
        return Files.readString(file).trim();
    }

    /** The file's content, or "" when it does not exist. */
    static String readOrEmpty(Path file) throws IOException {
        try {
            return read(file);
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    static long readLong(Path file) throws IOException {
        return Long.parseLong(read(file));
    }

    /** The space-separated words of a file such as cgroup.controllers; none when it cannot be read. */
    static Set<String> words(Path file) {
        try {
            String s = read(file);
            return s.isEmpty() ? Set.of() : Set.of(s.split("\\s+"));
        } catch (IOException | IllegalArgumentException e) {  // Set.of refuses duplicates, which no kernel writes
            return Set.of();
        }
    }

    /** The value of {@code key} in a "key value" per line file such as cpu.stat. */
    static long statValue(Path file, String key) throws IOException {
        for (String line : Files.readAllLines(file)) {
            String[] kv = line.trim().split("\\s+");
            if (kv.length == 2 && kv[0].equals(key)) {
                return Long.parseLong(kv[1]);
            }
        }
        throw new IOException(key + " not found in " + file);
    }

    /** Creates and removes a child group of {@code dir}: the only reliable test that groups can be made there. */
    static void probe(Path dir) throws IOException {
        Path p = dir.resolve("bai-probe-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        Files.createDirectory(p);
        rmdir(p);
        if (Files.exists(p)) {
            throw new IOException("could not remove the probe group " + p);
        }
    }

    /**
     * Removes a cgroup folder (rmdir: the kernel removes its control files with it). The kernel answers EBUSY for
     * a short while after the last process exited, so that is retried for about a second. Never throws.
     */
    static void rmdir(Path dir) {
        for (int attempt = 0; attempt < 200; attempt++) {
            try {
                Files.deleteIfExists(dir);
                return;
            } catch (DirectoryNotEmptyException e) {
                return;  // a plain folder with files: not a cgroup, never ours to empty
            } catch (IOException e) {
                sleep();
            }
        }
    }

    /** An I/O failure in words, for the reason an enforcer could not be used. */
    static String why(IOException e) {
        if (e instanceof AccessDeniedException a) {
            return "permission denied on " + a.getFile();
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT) + " on " + f.getFile();
        }
        return e instanceof FileSystemException f ? e.getClass().getSimpleName() + " on " + f.getFile()
                : String.valueOf(e.getMessage());
    }

    static String join(List<String> words) {
        return String.join(", ", words);
    }

    private static void sleep() {
        try {
            Thread.sleep(5);  // EBUSY usually clears within a few ms; short steps keep terminations fast
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
