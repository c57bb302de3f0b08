package ai.bai.manager.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Finds the host programs sessions run, once, when the agent starts. The Python interpreter is resolved to
 * the real binary (shims such as pyenv's cost ~150 ms a start) that an unprivileged session user can execute.
 */
public final class HostTools {

    /** A resolved interpreter and its version, e.g. {@code /usr/bin/python3.11} and {@code 3.11.2}. */
    public record Python(Path executable, String version) {
    }

    private HostTools() {
    }

    /**
     * @param configured an explicit interpreter (BAI_PYTHON), or null
     * @param needsWorldAccess whether sessions run as another user, so the binary must be reachable by others
     */
    public static Python findPython(String configured, boolean needsWorldAccess) {
        Set<Path> candidates = new LinkedHashSet<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        } else {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
                candidates.add(Path.of(dir, "python3"));
            }
            candidates.add(Path.of("/usr/bin/python3"));
            candidates.add(Path.of("/usr/local/bin/python3"));
        }
        List<String> rejected = new ArrayList<>();
        for (Path candidate : candidates) {
            if (!Files.isExecutable(candidate)) {
                continue;
            }
            Python real = probe(candidate);
            if (real == null) {
                continue;
            }
            if (needsWorldAccess && !reachableByOthers(real.executable())) {
                rejected.add(real.executable() + " (not executable by other users)");
                continue;
            }
            return real;
        }
        throw new IllegalStateException("no usable python3 found for sessions"
                + (rejected.isEmpty() ? "" : "; rejected " + String.join(", ", rejected))
                + "; install python3 or set BAI_PYTHON to an interpreter every user may run");
    }

    /** Asks the interpreter for its real path and version (one start, at agent start-up). */
    private static Python probe(Path candidate) {
        try {
            Process p = new ProcessBuilder(candidate.toString(), "-c",
                    "import sys,platform; print(sys.executable); print(platform.python_version())")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            String[] lines = out.split("\n");
            if (lines.length < 2) {
                return null;
            }
            Path exe = Path.of(lines[0].trim()).toRealPath();
            return new Python(exe, lines[1].trim());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Whether every folder on the way is searchable by others and the file executable by others. */
    public static boolean reachableByOthers(Path file) {
        try {
            Path p = file.toRealPath();
            if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
            return searchableByOthers(p.getParent());
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Whether others can traverse {@code dir} and each of its ancestors. */
    public static boolean searchableByOthers(Path dir) {
        try {
            for (Path d = dir.toRealPath(); d != null; d = d.getParent()) {
                if (!Files.getPosixFilePermissions(d).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
