package ai.bai.manager.agent;

/** A kernel that could not be started; the message says why, for the session's status info. */
public final class KernelStartException extends Exception {
    public KernelStartException(String message) {
        super(message);
    }
}
