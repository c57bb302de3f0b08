package ai.bai.manager.session;

/**
 * A creation request that passed validation: every field checked and normalised, nothing created yet.
 *
 * @param notice a line for the user about how the image was resolved, or null
 */
public record CreationPlan(String name, SessionSpec spec, String notice, boolean enqueueOnly, int maxWaitSeconds,
                           boolean reuse) {
}
