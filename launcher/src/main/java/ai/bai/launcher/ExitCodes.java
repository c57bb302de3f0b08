package ai.bai.launcher;

/** Exit codes of the official client: 0 ok, 1 failure, 2 usage error, 3 timeout, 4 invalid argument. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    public static final int TIMEOUT = 3;
    public static final int INVALID_ARGUMENT = 4;

    private ExitCodes() {
    }
}
