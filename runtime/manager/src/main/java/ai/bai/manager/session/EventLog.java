package ai.bai.manager.session;

import ai.bai.api.LifecycleEvent;
import ai.bai.manager.store.EventStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Publishes lifecycle events: each is stored in the append-only log, then waiting readers wake up. */
public final class EventLog {
    private static final int PAGE = 500;
    private final EventStore store;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private volatile long lastId;

    public EventLog(EventStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.lastId = store.lastId();
    }

    public LifecycleEvent publish(LifecycleEvent event) {
        LifecycleEvent stored = store.append(event, clock.instant());
        lock.lock();
        try {
            lastId = Math.max(lastId, stored.id());
            appended.signalAll();
        } finally {
            lock.unlock();
        }
        return stored;
    }

    public long lastId() {
        return lastId;
    }

    /** A read from the log: the events found and the position to read on from. */
    public record Batch(List<LifecycleEvent> events, long cursor) {
    }

    /**
     * Events after {@code afterId} (of one session when {@code sessionId} is given); waits up to {@code wait}
     * for the log to grow when there is nothing newer yet.
     */
    public Batch after(long afterId, String sessionId, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        lock.lock();
        try {
            while (lastId <= afterId) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return new Batch(List.of(), afterId);
                }
                appended.await(left, TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
        long upTo = lastId;
        List<LifecycleEvent> found = store.between(afterId, upTo, sessionId, PAGE);
        return new Batch(found, found.size() == PAGE ? found.get(PAGE - 1).id() : upTo);
    }
}
