package ai.bai.manager.session;

import java.time.Instant;
import java.util.Map;

/**
 * What a session was created with; never changes after creation.
 *
 * @param runtime      the local runtime the image resolved to ({@code python}, {@code bash})
 * @param resources    requested slots in canonical form (cpu as a decimal string, mem in bytes)
 * @param startsAt     not to be scheduled before this time, or null
 * @param batchTimeout seconds a batch session may run, or null for no limit
 */
public record SessionSpec(String image, String runtime, String type, String domainName, String groupName,
                          String tag, Map<String, String> resources, Map<String, String> resourceOpts,
                          Map<String, String> environ, int priority, Instant startsAt, String startupCommand,
                          Integer batchTimeout, String requestJson) {
    public SessionSpec {
        resources = Map.copyOf(resources);
        resourceOpts = Map.copyOf(resourceOpts);
        environ = Map.copyOf(environ);
    }

    public boolean isBatch() {
        return "batch".equals(type);
    }
}
