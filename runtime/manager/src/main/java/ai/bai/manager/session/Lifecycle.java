package ai.bai.manager.session;

import ai.bai.api.LifecycleEvent.KernelEvent;
import ai.bai.api.LifecycleEvent.SessionEvent;
import ai.bai.api.SessionStatus;
import ai.bai.manager.store.SessionStore;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Moves sessions through their statuses: each transition is stored with its time and published as the events
 * upstream emits for it. Changes to one session are serialised by its lock. Also keeps the futures that
 * creation requests wait on until their session runs or ends.
 */
public final class Lifecycle {
    private final SessionStore store;
    private final EventLog events;
    private final Clock clock;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<SessionRecord>> startups = new ConcurrentHashMap<>();

    public Lifecycle(SessionStore store, EventLog events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    public SessionStore store() {
        return store;
    }

    public EventLog events() {
        return events;
    }

    /** Runs {@code work} holding the session's lock, in one database transaction: for changes without I/O. */
    public <T> T locked(String sessionId, Supplier<T> work) {
        synchronized (locks.computeIfAbsent(sessionId, k -> new Object())) {
            return store.atomically(work);
        }
    }

    /**
     * Runs {@code work} holding only the session's lock: for changes that wait on processes, which must not
     * hold the database from everyone else meanwhile.
     */
    public <T> T serialized(String sessionId, Supplier<T> work) {
        synchronized (locks.computeIfAbsent(sessionId, k -> new Object())) {
            return work.get();
        }
    }

    /** The current record, read under the session's lock by callers that hold it. */
    public SessionRecord current(String sessionId) {
        return store.byId(sessionId).orElseThrow(() -> new IllegalStateException("no session " + sessionId));
    }

    /** A future that completes when the session runs or ends. */
    public CompletableFuture<SessionRecord> startup(String sessionId) {
        return startups.computeIfAbsent(sessionId, k -> new CompletableFuture<>());
    }

    /** Stores the new status and publishes the events upstream emits for it. */
    public SessionRecord transition(SessionRecord s, SessionStatus next, String info) {
        SessionRecord updated = s.withStatus(next, info, clock.instant());
        store.update(updated);
        String reason = info == null ? null : info.split(":", 2)[0];
        switch (next) {
            case SCHEDULED -> publish(updated, "session_scheduled", reason, null);
            case PREPARING -> {
                publish(updated, "session_preparing", reason, null);
                publishKernel(updated, "kernel_preparing", reason);
            }
            case CREATING -> publishKernel(updated, "kernel_creating", reason);
            case RUNNING -> {
                publishKernel(updated, "kernel_started", reason);
                publish(updated, "session_started", reason, null);
            }
            case RESTARTING -> publish(updated, "session_restarting", reason, null);
            case TERMINATING -> {
                publish(updated, "session_terminating", reason, null);
                publishKernel(updated, "kernel_terminating", reason);
            }
            case TERMINATED -> {
                publishKernel(updated, "kernel_terminated", reason);
                publish(updated, "session_terminated", reason, updated.state().exitCode());
            }
            case CANCELLED -> {
                publishKernel(updated, "kernel_cancelled", reason);
                publish(updated, "session_cancelled", reason, null);
            }
            case ERROR -> publish(updated, "session_error", reason, null);
            default -> { }
        }
        if (next == SessionStatus.RUNNING || next.isTerminal()) {
            CompletableFuture<SessionRecord> f = startups.remove(s.id());
            if (f != null) {
                f.complete(updated);
            }
        }
        if (next.isFinished()) {
            locks.remove(s.id());
        }
        return updated;
    }

    public void publish(SessionRecord s, String name, String reason, Integer exitCode) {
        events.publish(new SessionEvent(0, name, s.id(), s.name(), s.accessKey(), reason, exitCode));
    }

    private void publishKernel(SessionRecord s, String name, String reason) {
        events.publish(new KernelEvent(0, name, s.id(), s.name(), s.accessKey(), s.id(), reason, null));
    }
}
