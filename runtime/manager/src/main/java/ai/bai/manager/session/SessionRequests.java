package ai.bai.manager.session;

import ai.bai.api.BinarySize;
import ai.bai.api.CreationConfig;
import ai.bai.api.Durations;
import ai.bai.api.Json;
import ai.bai.api.SessionCreateRequest;
import ai.bai.manager.agent.ImageCatalog;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks a creation request completely before anything is created, so bad input changes nothing. */
public final class SessionRequests {
    /**
     * Upstream's session name rule (word characters, dots and dashes, starting and ending with a word character,
     * at most 64), except that names as short as one character are accepted (upstream wants four): users write
     * {@code -t a} and a stricter manager would only annoy them.
     */
    static final Pattern NAME = Pattern.compile("^(?=.{1,64}$)[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$");
    static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final List<String> TYPES = List.of(SessionCreateRequest.INTERACTIVE, SessionCreateRequest.BATCH);
    static final int DEFAULT_PRIORITY = 10;

    private final ImageCatalog images;
    private final ResourceSlots slots;
    private final Capacity capacity;
    private final Clock clock;

    public SessionRequests(ImageCatalog images, ResourceSlots slots, Capacity capacity, Clock clock) {
        this.images = images;
        this.slots = slots;
        this.capacity = capacity;
        this.clock = clock;
    }

    public CreationPlan validate(SessionCreateRequest r) {
        String name = checkName(r.name());
        ImageCatalog.Resolved image = images.resolve(r.image());
        String type = checkType(r);
        if (r.clusterSize() != null && r.clusterSize() != 1) {
            throw new IllegalArgumentException("cluster size " + r.clusterSize()
                    + " is not possible on the single-node embedded manager; accepted: 1");
        }
        if (r.maxWaitSeconds() != null && r.maxWaitSeconds() < 0) {
            throw new IllegalArgumentException("maxWaitSeconds must be 0 (wait indefinitely) or more, not "
                    + r.maxWaitSeconds());
        }
        int priority = r.priority() == null ? DEFAULT_PRIORITY : r.priority();
        if (priority < 0 || priority > 100) {
            throw new IllegalArgumentException("priority must be 0..100, not " + priority);
        }
        CreationConfig config = r.configOrEmpty();
        Map<String, String> resources = withImageMinimums(slots.canonical(config.resources()), image.runtime());
        capacity.checkPossible(resources);
        SessionSpec spec = new SessionSpec(r.image(), image.runtime().name(), type, orDefault(r.domain()),
                orDefault(r.group()), r.tag(), resources, resourceOpts(config.resourceOpts()),
                checkEnviron(config.environ()), priority, startsAt(r, type), r.startupCommand(), batchTimeout(r, type),
                Json.write(r));
        return new CreationPlan(name, spec, image.notice(), Boolean.TRUE.equals(r.enqueueOnly()),
                r.maxWaitSeconds() == null ? 0 : r.maxWaitSeconds(), r.reuse());
    }

    static String checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("missing session name");
        }
        if (name.equals("from-template") || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid session name '" + name + "'; a name has 1 to 64 characters "
                    + "(letters, digits, '_', '.', '-'), starts and ends with a letter, digit or '_', and is not "
                    + "'from-template'");
        }
        return name;
    }

    private static String checkType(SessionCreateRequest r) {
        String type = r.typeOrDefault();
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("session type '" + type + "' is not supported by the embedded manager"
                    + "; accepted: " + String.join(", ", TYPES));
        }
        boolean hasCommand = r.startupCommand() != null && !r.startupCommand().isBlank();
        if (type.equals(SessionCreateRequest.BATCH) && !hasCommand) {
            throw new IllegalArgumentException("a batch session needs a startup command (startupCommand, "
                    + "-c/--startup-command)");
        }
        return type;
    }

    private Instant startsAt(SessionCreateRequest r, String type) {
        if (r.startsAt() == null || r.startsAt().isBlank()) {
            return null;
        }
        if (!type.equals(SessionCreateRequest.BATCH)) {
            throw new IllegalArgumentException("starts_at applies to batch sessions only");
        }
        return Durations.startTime(r.startsAt(), clock.instant());
    }

    private static Integer batchTimeout(SessionCreateRequest r, String type) {
        if (r.batchTimeout() == null || r.batchTimeout().isBlank()) {
            return null;
        }
        if (!type.equals(SessionCreateRequest.BATCH)) {
            throw new IllegalArgumentException("batch_timeout applies to batch sessions only");
        }
        return (int) Math.max(1, Durations.parse(r.batchTimeout()).toSeconds());
    }

    private static Map<String, String> resourceOpts(Map<String, Object> opts) {
        Map<String, String> out = new LinkedHashMap<>();
        opts.forEach((k, v) -> {
            String text = String.valueOf(v);
            if (k.equals("shmem")) {
                try {
                    text = Long.toString(BinarySize.parse(text));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("resource option shmem: " + e.getMessage());
                }
            }
            out.put(k, text);
        });
        return out;
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
