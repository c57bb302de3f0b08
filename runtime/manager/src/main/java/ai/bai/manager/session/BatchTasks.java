package ai.bai.manager.session;

import ai.bai.api.SessionStatus;
import ai.bai.manager.agent.LocalAgent;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.function.BiFunction;

/**
 * Runs a batch session's startup command as the kernel's task (its output goes to the session log, and it
 * keeps running if the manager restarts), waits for it, records SUCCESS or FAILURE with the exit code,
 * publishes {@code session_success}/{@code session_failure} and ends the session. A task that outlives its
 * batch timeout is stopped and fails with {@code task-timeout}.
 */
final class BatchTasks {
    private static final Duration POLL = Duration.ofMillis(50);

    private final Lifecycle lifecycle;
    private final LocalAgent agent;
    private final BiFunction<String, String, SessionRecord> terminator;

    BatchTasks(Lifecycle lifecycle, LocalAgent agent, BiFunction<String, String, SessionRecord> terminator) {
        this.lifecycle = lifecycle;
        this.agent = agent;
        this.terminator = terminator;
    }

    void start(SessionRecord s) {
        try {
            agent.startTask(s.kernel(), s.spec().startupCommand());
        } catch (IOException e) {
            finish(s, -1, "task-failed");
            return;
        }
        watch(s);
    }

    /** Follows a running task until it ends, the kernel dies, or the timeout passes. */
    void watch(SessionRecord s) {
        Thread.ofVirtual().name("batch-" + s.name()).start(() -> {
            Instant started = s.state().history().getOrDefault(SessionStatus.RUNNING.name(), lifecycle.clock().instant());
            Integer timeout = s.spec().batchTimeout();
            try {
                while (true) {
                    OptionalInt exit = agent.taskExit(s.kernel());
                    if (exit.isPresent()) {
                        finish(s, exit.getAsInt(), exit.getAsInt() == 0 ? "task-finished" : "task-failed");
                        return;
                    }
                    if (!agent.isAlive(s.kernel())) {
                        finish(s, -1, "task-failed");
                        return;
                    }
                    if (timeout != null && timeout > 0 && Duration.between(started, lifecycle.clock().instant())
                            .compareTo(Duration.ofSeconds(timeout)) > 0) {
                        finish(s, -1, "task-timeout");
                        return;
                    }
                    Thread.sleep(POLL);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void finish(SessionRecord s, int exitCode, String reason) {
        boolean success = exitCode == 0;
        lifecycle.locked(s.id(), () -> {
            SessionRecord cur = lifecycle.current(s.id());
            if (cur.status().isTerminal()) {
                return null;
            }
            cur = cur.withResult(success ? "SUCCESS" : "FAILURE", exitCode);
            lifecycle.store().update(cur);
            lifecycle.publish(cur, success ? "session_success" : "session_failure", reason, exitCode);
            return null;
        });
        terminator.apply(s.id(), reason);
    }
}
