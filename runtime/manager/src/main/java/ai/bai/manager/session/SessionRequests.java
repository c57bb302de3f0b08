package ai.bai.manager.session;

import ai.bai.api.BinarySize;
import ai.bai.api.CreationConfig;
import ai.bai.api.Json;
import ai.bai.api.SessionCreateRequest;
import ai.bai.manager.agent.ImageCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks a creation request completely before anything is created, so bad input changes nothing. */
public final class SessionRequests {
    /** Upstream's session name rule: 4 to 64 word characters, dots and dashes, starting and ending with a word character. */
    static final Pattern NAME = Pattern.compile("^(?=.{4,64}$)[A-Za-z0-9_][A-Za-z0-9_.-]*[A-Za-z0-9_]$");
    static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final List<String> TYPES = List.of(SessionCreateRequest.INTERACTIVE);

    private final ImageCatalog images;
    private final ResourceSlots slots;

    public SessionRequests(ImageCatalog images, ResourceSlots slots) {
        this.images = images;
        this.slots = slots;
    }

    public CreationPlan validate(SessionCreateRequest r) {
        String name = checkName(r.name());
        ImageCatalog.Resolved image = images.resolve(r.image());
        String type = r.typeOrDefault();
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("session type '" + type + "' is not supported by the embedded manager"
                    + "; accepted: " + String.join(", ", TYPES));
        }
        if (r.clusterSize() != null && r.clusterSize() != 1) {
            throw new IllegalArgumentException("cluster size " + r.clusterSize()
                    + " is not possible on the single-node embedded manager; accepted: 1");
        }
        if (r.maxWaitSeconds() != null && r.maxWaitSeconds() < 0) {
            throw new IllegalArgumentException("maxWaitSeconds must be 0 (wait indefinitely) or more, not "
                    + r.maxWaitSeconds());
        }
        CreationConfig config = r.configOrEmpty();
        Map<String, String> resources = withImageMinimums(slots.canonical(config.resources()), image.runtime());
        return new CreationPlan(name, r.image(), image.runtime().name(), image.notice(), type,
                orDefault(r.domain()), orDefault(r.group()), r.tag(), resources, checkEnviron(config.environ()),
                Boolean.TRUE.equals(r.enqueueOnly()), r.maxWaitSeconds() == null ? 0 : r.maxWaitSeconds(),
                r.reuse(), Json.write(r));
    }

    static String checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("missing session name");
        }
        if (name.equals("from-template") || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid session name '" + name + "'; a name has 4 to 64 characters "
                    + "(letters, digits, '_', '.', '-'), starts and ends with a letter, digit or '_', and is not "
                    + "'from-template'");
        }
        return name;
    }

    private static Map<String, String> checkEnviron(Map<String, String> environ) {
        environ.forEach((key, value) -> {
            if (!ENV_NAME.matcher(key).matches()) {
                throw new IllegalArgumentException("invalid environment variable name '" + key
                        + "'; expected letters, digits and '_', not starting with a digit");
            }
            if (value == null || value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("invalid value for environment variable " + key);
            }
        });
        return environ;
    }

    private static Map<String, String> withImageMinimums(Map<String, String> requested, ImageCatalog.Runtime rt) {
        Map<String, String> out = new LinkedHashMap<>(requested);
        out.putIfAbsent("cpu", rt.cpuMin());
        out.putIfAbsent("mem", Long.toString(rt.memMin()));
        long mem = Long.parseLong(out.get("mem"));
        if (mem < rt.memMin()) {
            throw new IllegalArgumentException("requested mem " + BinarySize.format(mem) + " is below the minimum of "
                    + "image " + rt.name() + " (" + BinarySize.format(rt.memMin()) + ")");
        }
        return out;
    }

    private static String orDefault(String v) {
        return v == null || v.isBlank() ? "default" : v;
    }
}
