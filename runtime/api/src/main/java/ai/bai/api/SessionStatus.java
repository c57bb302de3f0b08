package ai.bai.api;

import java.util.EnumSet;
import java.util.Set;

/** Session statuses of the Backend.AI lifecycle (24.09/25.x names). */
public enum SessionStatus {
    PENDING, SCHEDULED, PREPARING, PULLING, PREPARED, CREATING, RUNNING, RESTARTING, RUNNING_DEGRADED,
    TERMINATING, TERMINATED, ERROR, CANCELLED;

    /** What {@code ps} shows without options. */
    public static final Set<SessionStatus> ACTIVE = EnumSet.of(PENDING, SCHEDULED, PULLING, PREPARED, PREPARING,
            CREATING, RUNNING, RUNNING_DEGRADED, RESTARTING, TERMINATING, ERROR);
    public static final Set<SessionStatus> DEAD = EnumSet.of(CANCELLED, TERMINATED);

    public boolean isTerminal() {
        return this == TERMINATED || this == CANCELLED || this == ERROR;
    }

    /** Whether a session in this status is gone for good: it can no longer be named by its name. */
    public boolean isFinished() {
        return this == TERMINATED || this == CANCELLED;
    }
}
