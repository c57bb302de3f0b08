package ai.bai.manager.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each running session was last active, for the idle timeout. The clock starts when a session becomes
 * RUNNING and restarts when a run or an app connection ends; it does not count while one is in progress.
 */
public final class Activity {
    private final Clock clock;
    private final Map<String, Instant> lastActive = new ConcurrentHashMap<>();
    private final Map<String, Integer> busy = new ConcurrentHashMap<>();

    public Activity(Clock clock) {
        this.clock = clock;
    }

    public void started(String sessionId) {
        lastActive.put(sessionId, clock.instant());
    }

    /** A run or an app connection began. */
    public void begin(String sessionId) {
        busy.merge(sessionId, 1, Integer::sum);
    }

    /** A run or an app connection ended: the idle clock starts again. */
    public void end(String sessionId) {
        busy.computeIfPresent(sessionId, (k, n) -> n <= 1 ? null : n - 1);
        lastActive.put(sessionId, clock.instant());
    }

    public void forget(String sessionId) {
        lastActive.remove(sessionId);
        busy.remove(sessionId);
    }

    /** How long the session has been idle, or empty while it is busy (or unknown). */
    public Optional<Duration> idleFor(String sessionId) {
        Instant since = lastActive.get(sessionId);
        if (since == null || busy.containsKey(sessionId)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(since, clock.instant()));
    }
}
