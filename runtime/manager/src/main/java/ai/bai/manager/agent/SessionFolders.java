package ai.bai.manager.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The folders under the scratch root: {@code .runtime/} (kernel scripts, the {@code python} commands) and one
 * folder per session with {@code work/} (its /home/work) and {@code run/} (the kernel's socket and task state),
 * both private to the session's user.
 */
final class SessionFolders {
    private final Path root;
    private final SessionUsers users;

    SessionFolders(Path root, SessionUsers users) {
        this.root = root;
        this.users = users;
        checkSocketPathLength();
    }

    Path session(String sessionId) {
        return root.resolve(sessionId);
    }

    static Path socket(Path sessionDir) {
        return sessionDir.resolve("run/k.sock");
    }

    static Path taskExit(Path sessionDir) {
        return sessionDir.resolve("run/task.exit");
    }

    void prepare(Path dir, int uid) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        for (String sub : List.of("work", "run")) {
            Path p = Files.createDirectories(dir.resolve(sub));
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
            handOver(p, uid);
        }
    }

    /** Makes a file or folder the manager created inside a session belong to the session's user. */
    void handOver(Path path, int uid) throws IOException {
        if (users.dedicated()) {
            Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** Copies the kernel runner and zygote scripts to {@code .runtime}; returns that folder. */
    Path installScripts() {
        try {
            Path dir = Files.createDirectories(root.resolve(".runtime"));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String script : List.of("kernel_runner.py", "kernel_zygote.py")) {
                Path target = dir.resolve(script);
                try (InputStream in = SessionFolders.class.getResourceAsStream(script)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the kernel runner under " + root, e);
        }
    }

    /** {@code python} and {@code python3} in sessions are the resolved interpreter, whatever the host calls it. */
    Path installCommands(HostTools.Python python) {
        try {
            Path bin = Files.createDirectories(root.resolve(".runtime/bin"));
            Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String name : List.of("python", "python3")) {
                Path link = bin.resolve(name);
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, python.executable());
            }
            return bin;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install session commands under " + root, e);
        }
    }

    /** Unix socket paths are limited to 107 bytes; a session's must fit under the scratch root. */
    private void checkSocketPathLength() {
        int length = socket(session(UUID.randomUUID().toString())).toString()
                .getBytes(StandardCharsets.UTF_8).length;
        if (length > 107) {
            throw new IllegalStateException("the scratch folder " + root + " is too deep for session sockets ("
                    + length + " > 107 bytes); set BAI_SCRATCH to a shorter path");
        }
    }

    /** Deletes a session folder without following links; its processes are gone, so nothing races us. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
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
