package ai.bai.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The one check for paths that users name inside a session or a folder: relative to the root (or under the
 * session's {@code /home/work}), never escaping it with {@code ..}, absolute paths, or symbolic links that point
 * outside.
 */
public final class SafePaths {
    public static final String SESSION_HOME = "/home/work";

    private SafePaths() {
    }

    /**
     * Resolves {@code userPath} under {@code root}. An absolute path is accepted only below
     * {@value #SESSION_HOME}, which stands for the root.
     *
     * @throws IllegalArgumentException naming the path and what is accepted
     */
    public static Path resolveInside(Path root, String userPath) {
        if (userPath == null || userPath.isEmpty() || userPath.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid path '" + userPath + "'; expected a path relative to "
                    + SESSION_HOME);
        }
        String relative = userPath;
        if (relative.equals(SESSION_HOME) || relative.startsWith(SESSION_HOME + "/")) {
            relative = relative.substring(SESSION_HOME.length());
            relative = relative.replaceFirst("^/+", "");
        } else if (relative.startsWith("/")) {
            throw new IllegalArgumentException("path '" + userPath + "' is outside " + SESSION_HOME
                    + "; expected a path relative to it");
        }
        Path base = root.toAbsolutePath().normalize();
        Path resolved;
        try {
            resolved = base.resolve(relative.isEmpty() ? "." : relative).normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("invalid path '" + userPath + "': " + e.getReason());
        }
        if (!resolved.startsWith(base)) {
            throw new IllegalArgumentException("path '" + userPath + "' escapes " + SESSION_HOME);
        }
        checkLinks(base, resolved, userPath);
        return resolved;
    }

    /** The nearest existing ancestor (or the path itself) must really lie inside the root. */
    private static void checkLinks(Path base, Path resolved, String userPath) {
        try {
            Path realBase = base.toRealPath();
            Path existing = resolved;
            while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                return;
            }
            if (Files.isSymbolicLink(existing) && !Files.exists(existing)) {
                throw new IllegalArgumentException("path '" + userPath + "' is a symbolic link that leads nowhere");
            }
            Path real = existing.toRealPath();
            if (!real.startsWith(realBase)) {
                throw new IllegalArgumentException("path '" + userPath + "' leads outside " + SESSION_HOME
                        + " through a symbolic link");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot check path '" + userPath + "': " + e.getMessage());
        }
    }
}
