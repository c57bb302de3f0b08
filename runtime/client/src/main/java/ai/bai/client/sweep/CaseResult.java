package ai.bai.client.sweep;

import java.time.Duration;

/**
 * How one case of a sweep ended.
 *
 * @param outcome  SUCCESS (exit code 0), FAILED (non-zero exit code), ERROR (its session or run failed),
 *                 QUEUED (the session is still waiting: --enqueue-only or --max-wait ran out) or CANCELLED
 * @param exitCode the program's exit code, or null when it did not run
 * @param error    why the case did not run, or null
 */
public record CaseResult(SweepCase sweepCase, String sessionName, String outcome, Integer exitCode, Duration duration,
                         String error) {
    public static final String SUCCESS = "SUCCESS";
    public static final String FAILED = "FAILED";
    public static final String ERROR = "ERROR";
    public static final String QUEUED = "QUEUED";
    public static final String CANCELLED = "CANCELLED";

    public boolean succeeded() {
        return SUCCESS.equals(outcome);
    }
}
