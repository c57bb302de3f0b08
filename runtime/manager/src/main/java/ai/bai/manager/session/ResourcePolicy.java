package ai.bai.manager.session;

import java.util.Map;

/**
 * A keypair resource policy: how many sessions may occupy resources at once (0 = no limit), how many slots
 * they may hold together (absent slots are unlimited), and after how many idle seconds an interactive session
 * ends (0 = never).
 */
public record ResourcePolicy(String name, int maxConcurrentSessions, Map<String, String> totalResourceSlots,
                             int idleTimeout, int maxSessionLifetime) {
    public ResourcePolicy {
        totalResourceSlots = Map.copyOf(totalResourceSlots);
    }
}
