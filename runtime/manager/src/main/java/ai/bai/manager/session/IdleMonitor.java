package ai.bai.manager.session;

import ai.bai.api.SessionStatus;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Ends interactive sessions that stayed idle longer than their owner's policy allows ({@code idle_timeout};
 * 0 disables it), with reason {@code idle-timeout}. Batch sessions are exempt.
 */
public final class IdleMonitor implements AutoCloseable {
    private static final Duration TICK = Duration.ofMillis(500);

    private final Lifecycle lifecycle;
    private final Activity activity;
    private final Function<String, ResourcePolicy> policies;
    private final BiFunction<String, String, SessionRecord> terminator;
    private volatile boolean closed;

    public IdleMonitor(Lifecycle lifecycle, Activity activity, Function<String, ResourcePolicy> policies,
                       BiFunction<String, String, SessionRecord> terminator) {
        this.lifecycle = lifecycle;
        this.activity = activity;
        this.policies = policies;
        this.terminator = terminator;
    }

    public void start() {
        Thread.ofPlatform().daemon().name("bai-idle-monitor").start(() -> {
            while (!closed) {
                try {
                    Thread.sleep(TICK);
                    check();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(IdleMonitor.class).error("idle check failed", e);
                }
            }
        });
    }

    void check() {
        for (SessionRecord s : lifecycle.store().withStatus(EnumSet.of(SessionStatus.RUNNING))) {
            if (!s.spec().isBatch() && remaining(s).map(Duration::isNegative).orElse(false)) {
                terminator.apply(s.id(), "idle-timeout");
            }
        }
    }

    /** Time left before the idle timeout ends the session; empty when it does not apply or the session is busy. */
    public Optional<Duration> remaining(SessionRecord s) {
        int timeout = policies.apply(s.accessKey()).idleTimeout();
        if (timeout <= 0 || s.spec().isBatch()) {
            return Optional.empty();
        }
        return activity.idleFor(s.id()).map(idle -> Duration.ofSeconds(timeout).minus(idle));
    }

    /** The {@code idleChecks} of session info, as upstream shapes them. */
    public Map<String, Object> checks(SessionRecord s) {
        Map<String, Object> m = new LinkedHashMap<>();
        int timeout = policies.apply(s.accessKey()).idleTimeout();
        if (timeout > 0 && !s.spec().isBatch() && s.status() == SessionStatus.RUNNING) {
            Map<String, Object> network = new LinkedHashMap<>();
            network.put("remaining", remaining(s).map(d -> Math.max(0, d.toMillis()) / 1000.0).orElse(null));
            network.put("remaining_time_type", "expire_after");
            network.put("threshold", timeout);
            m.put("network_timeout", network);
        }
        return m;
    }

    @Override
    public void close() {
        closed = true;
    }
}
