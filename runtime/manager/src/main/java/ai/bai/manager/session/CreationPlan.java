package ai.bai.manager.session;

import java.util.Map;

/**
 * A creation request that passed validation: every field checked and normalised, nothing created yet.
 *
 * @param notice a line for the user about how the image was resolved, or null
 */
public record CreationPlan(String name, String image, String runtime, String notice, String type, String domain,
                           String group, String tag, Map<String, String> resources, Map<String, String> environ,
                           boolean enqueueOnly, int maxWaitSeconds, boolean reuse, String requestJson) {
}
