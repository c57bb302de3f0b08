package ai.bai.client;

import ai.bai.api.CreationConfig;
import ai.bai.api.SessionCreateRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a user asks for when starting a session, in one immutable value that the CLI, the DSL and templates all
 * map to the same creation request.
 *
 * @param resources slot name to amount as typed; a bare {@code mem} number means MiB, as the official client does
 * @param maxWaitSeconds 0 waits until the session starts
 * @param startsAt       a relative ({@code 10m}) or ISO 8601 start time for batch sessions, or null
 */
public record SessionOptions(String image, String name, String type, Map<String, String> environ,
                             Map<String, String> resources, Map<String, String> resourceOpts, String tag,
                             boolean enqueueOnly, int maxWaitSeconds, boolean reuse, Integer clusterSize,
                             String clusterMode, String domain, String group, String owner, Integer priority,
                             String startsAt, String startupCommand, String batchTimeout) {
    private static final Pattern ENDS_WITH_LETTER = Pattern.compile(".*[A-Za-z]$");

    public SessionOptions {
        environ = Map.copyOf(environ);
        resources = Map.copyOf(resources);
        resourceOpts = Map.copyOf(resourceOpts);
    }

    /** A session of {@code image} with every option at its default. */
    public static SessionOptions of(String image, String name) {
        return new SessionOptions(image, name, SessionCreateRequest.INTERACTIVE, Map.of(), Map.of(), Map.of(), null,
                false, 0, true, null, null, null, null, null, null, null, null, null);
    }

    /** The same options for one case of a sweep: its own session name and environment. */
    public SessionOptions forCase(String caseName, Map<String, String> caseEnviron) {
        return new SessionOptions(image, caseName, type, caseEnviron, resources, resourceOpts, tag, enqueueOnly,
                maxWaitSeconds, reuse, clusterSize, clusterMode, domain, group, owner, priority, startsAt,
                startupCommand, batchTimeout);
    }

    public SessionCreateRequest toRequest(ClientConfig config) {
        Map<String, Object> slots = new LinkedHashMap<>();
        resources.forEach((k, v) -> slots.put(k, k.equals("mem") && !ENDS_WITH_LETTER.matcher(v).matches()
                ? v + "m" : v));
        Map<String, Object> opts = new LinkedHashMap<>(resourceOpts);
        CreationConfig cfg = new CreationConfig(List.of(), Map.of(), null, environ, null, slots, opts, null, null);
        return new SessionCreateRequest(name, image, null, type, group != null ? group : config.group(),
                domain != null ? domain : config.domain(), clusterSize, clusterMode, tag, enqueueOnly,
                maxWaitSeconds, reuse, startupCommand, startsAt, batchTimeout, priority, null, null, null, owner, cfg);
    }
}
