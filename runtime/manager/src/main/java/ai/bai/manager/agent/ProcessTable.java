package ai.bai.manager.agent;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads /proc to find a session's processes: those in its process session, or owned by its dedicated uid. */
final class ProcessTable {
    private static final Path PROC = Path.of("/proc");
    /** Linux's USER_HZ and page size on the platforms bai runs on. */
    private static final long CLOCK_TICKS = 100;
    private static final long PAGE_SIZE = 4096;

    private ProcessTable() {
    }

    /** Pids whose process session is {@code sid}, or (when {@code uid >= 0}) whose owner is {@code uid}. */
    static List<Long> sessionProcesses(long sid, int uid) {
        List<Long> found = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, p -> isNumeric(p.getFileName().toString()))) {
            for (Path dir : dirs) {
                long pid = Long.parseLong(dir.getFileName().toString());
                if (sessionOf(dir) == sid || (uid >= 0 && ownerOf(dir) == uid)) {
                    found.add(pid);
                }
            }
        } catch (IOException e) {
            // /proc vanished under us: nothing more to find
        }
        return found;
    }

    /**
     * Whether {@code pid} runs: exists and is not a zombie. An orphaned kernel whose zygote died is reparented to
     * an init that may never reap it, so "exists" alone would call a dead kernel alive.
     */
    static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Memory (resident) and CPU time of a session's processes, for hosts without a usable cgroup. */
    static java.util.Optional<ResourceUsage> usage(long sid, int uid) {
        long rssPages = 0;
        long ticks = 0;
        for (long pid : sessionProcesses(sid, uid)) {
            try {
                String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);  // utime, stime
                rssPages += Long.parseLong(f[21]);
            } catch (IOException | RuntimeException gone) {
                // the process ended while we looked
            }
        }
        long bytes = rssPages * PAGE_SIZE;
        return java.util.Optional.of(new ResourceUsage(bytes, bytes, ticks * (1_000_000_000L / CLOCK_TICKS)));
    }

    /** The owners of all running processes: a uid any of them has is not free for a new session. */
    static java.util.Set<Integer> owners() {
        java.util.Set<Integer> uids = new java.util.HashSet<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, p -> isNumeric(p.getFileName().toString()))) {
            dirs.forEach(dir -> uids.add(ownerOf(dir)));
        } catch (IOException e) {
            // /proc unreadable: rely on the store's view alone
        }
        return uids;
    }

    private static long sessionOf(Path procDir) {
        try {
            String stat = Files.readString(procDir.resolve("stat"));
            // fields after the command name: state ppid pgrp session ...
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(rest[3]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static int ownerOf(Path procDir) {
        try {
            return (Integer) Files.getAttribute(procDir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static boolean isNumeric(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }
}
