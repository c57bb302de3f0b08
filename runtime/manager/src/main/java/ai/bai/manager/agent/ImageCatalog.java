package ai.bai.manager.agent;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Local images: each is a runtime definition (the host's interpreter plus a kernel runner) with aliases and
 * resource minimums. Seed-style names such as {@code python:3.6-ubuntu18.04} or
 * {@code lablup/python:3.6-ubuntu18.04} fall back to the local runtime of the same language with a notice,
 * unless strict resolution is on.
 */
public final class ImageCatalog {

    /** A local runtime: its canonical name, aliases, and minimum cpu (cores) and mem (bytes). */
    public record Runtime(String name, List<String> aliases, String cpuMin, long memMin) {
    }

    /**
     * The outcome of resolving an image name.
     *
     * @param notice one line for the user when the name did not match exactly, else null
     */
    public record Resolved(Runtime runtime, String canonical, String notice) {
    }

    private static final long MIB = 1024L * 1024;
    private final Map<String, Runtime> runtimes;
    private final boolean strict;
    private final String pythonVersion;

    public ImageCatalog(boolean strict, String pythonVersion) {
        this.strict = strict;
        this.pythonVersion = pythonVersion;
        this.runtimes = Map.of(
                "python", new Runtime("python", List.of("python3", "py"), "1", 64 * MIB),
                "bash", new Runtime("bash", List.of("sh", "shell"), "1", 32 * MIB));
    }

    public Resolved resolve(String image) {
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("missing image; available: " + describe());
        }
        String ref = image.trim().toLowerCase(Locale.ROOT);
        int slash = ref.lastIndexOf('/');
        String repo = slash >= 0 ? ref.substring(slash + 1) : ref;
        int colon = repo.indexOf(':');
        String base = colon >= 0 ? repo.substring(0, colon) : repo;
        String tag = colon >= 0 ? repo.substring(colon + 1) : null;
        Runtime runtime = lookup(base).orElseThrow(() -> new IllegalArgumentException(
                "unknown image '" + image + "'; available: " + describe()));
        boolean exact = slash < 0 && (tag == null || tag.equals("latest") || matchesHost(runtime, tag));
        if (exact) {
            return new Resolved(runtime, runtime.name(), null);
        }
        if (strict) {
            throw new IllegalArgumentException("image '" + image + "' is not available locally (strict image "
                    + "resolution is on); available: " + describe());
        }
        return new Resolved(runtime, runtime.name(), "image '" + image + "' is not available locally; using "
                + hostDescription(runtime) + " instead");
    }

    /** Names and aliases, for error messages. */
    public String describe() {
        return runtimes.values().stream().sorted(java.util.Comparator.comparing(Runtime::name))
                .map(r -> r.name() + " (aliases: " + String.join(", ", r.aliases()) + ")")
                .collect(Collectors.joining(", "));
    }

    public List<Runtime> all() {
        return runtimes.values().stream().sorted(java.util.Comparator.comparing(Runtime::name)).toList();
    }

    private Optional<Runtime> lookup(String base) {
        Runtime direct = runtimes.get(base);
        if (direct != null) {
            return Optional.of(direct);
        }
        return runtimes.values().stream().filter(r -> r.aliases().contains(base)).findFirst();
    }

    /** A tag such as {@code 3.11} or {@code 3.11-ubuntu22.04} matches when its version is the host's. */
    private boolean matchesHost(Runtime runtime, String tag) {
        if (!runtime.name().equals("python") || pythonVersion == null) {
            return false;
        }
        String version = tag.split("-", 2)[0];
        return pythonVersion.equals(version) || pythonVersion.startsWith(version + ".");
    }

    private String hostDescription(Runtime runtime) {
        return runtime.name().equals("python") && pythonVersion != null
                ? "the local Python " + pythonVersion : "the local " + runtime.name();
    }
}
