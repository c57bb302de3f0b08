package ai.bai.launcher;

/** Arguments that parse but contradict each other (exit code 4, as the official client). */
public final class InvalidArgument extends RuntimeException {
    public InvalidArgument(String message) {
        super(message);
    }
}
