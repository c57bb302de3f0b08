package ai.bai.manager.session;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The queue of PENDING sessions, ordered by priority (higher first) then age. A pass walks the queue and starts
 * every session whose start time has come, whose owner's resource policy allows it and whose slots are free;
 * sessions behind one that does not fit are still considered (backfill). Passes run on one thread, woken when a
 * session is enqueued or frees its slots, and at the next deferred start time.
 */
public final class Scheduler implements AutoCloseable {
    /** Starts a session the scheduler admitted, with the cores it was given. */
    public interface Launcher {
        void launch(String sessionId, Allocation allocation);
    }

    /** Why queued sessions still wait: session id to status info and status data (null data = none). */
    public interface WaitReporter {
        void waiting(Map<String, Waiting> changed);
    }

    /** The reason a queued session waits. */
    public record Waiting(String info, String data) {
    }

    /** What one pass did, for benchmarks. */
    public record Pass(int examined, int started, long nanos) {
    }

    /** A queued session as the scheduler sees it. */
    public record Queued(String id, String accessKey, int priority, long seq, Map<String, String> resources,
                         Instant startsAt) {
    }

    private static final Comparator<Queued> ORDER = Comparator.comparingInt((Queued q) -> -q.priority())
            .thenComparingLong(Queued::seq);

    private final Capacity capacity;
    private final Function<String, ResourcePolicy> policies;
    private volatile Launcher launcher;
    private final WaitReporter reporter;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private final TreeSet<Queued> queue = new TreeSet<>(ORDER);
    private final Map<String, Queued> holders = new HashMap<>();
    private final Map<String, Waiting> reported = new HashMap<>();
    private boolean pending;
    private volatile boolean closed;
    private Thread thread;

    public Scheduler(Capacity capacity, Function<String, ResourcePolicy> policies, WaitReporter reporter,
                     Clock clock) {
        this.capacity = capacity;
        this.policies = policies;
        this.reporter = reporter;
        this.clock = clock;
    }

    /** Starts scheduling passes; admitted sessions go to {@code sessionLauncher}. */
    public void start(Launcher sessionLauncher) {
        launchWith(sessionLauncher);
        thread = Thread.ofPlatform().daemon().name("bai-scheduler").start(this::loop);
    }

    /** Where admitted sessions go, for passes run by hand (tests, benchmarks) without the scheduling thread. */
    public void launchWith(Launcher sessionLauncher) {
        this.launcher = sessionLauncher;
    }

    public void enqueue(Queued q) {
        withLock(() -> queue.add(q));
        wake();
    }

    /** Takes a session out of the queue; false when it was not queued (already admitted). */
    public boolean cancel(String sessionId) {
        return withLock(() -> {
            reported.remove(sessionId);
            return queue.removeIf(q -> q.id().equals(sessionId));
        });
    }

    /** Records a session that holds slots already (re-adopted after a manager restart). */
    public void restore(Queued q, Allocation allocation) {
        withLock(() -> holders.put(q.id(), q));
        capacity.restore(q.id(), q.resources(), allocation);
    }

    /** The session no longer occupies its slots: others may start. */
    public void release(String sessionId) {
        boolean held = withLock(() -> holders.remove(sessionId) != null);
        capacity.release(sessionId);
        if (held) {
            wake();
        }
    }

    public int queued() {
        return withLock(queue::size);
    }

    public void wake() {
        withLock(() -> {
            pending = true;
            wakeUp.signalAll();
            return null;
        });
    }

    /** One scheduling pass; public so benchmarks can time it. */
    public Pass pass() {
        long started = System.nanoTime();
        List<Map.Entry<Queued, Allocation>> admitted = new ArrayList<>();
        Map<String, Waiting> changed = new LinkedHashMap<>();
        int examined = withLock(() -> decide(admitted, changed));
        if (!changed.isEmpty()) {
            reporter.waiting(changed);
        }
        admitted.forEach(e -> launcher.launch(e.getKey().id(), e.getValue()));
        return new Pass(examined, admitted.size(), System.nanoTime() - started);
    }

    private int decide(List<Map.Entry<Queued, Allocation>> admitted, Map<String, Waiting> changed) {
        Instant now = clock.instant();
        Map<String, ResourcePolicy> policyOf = new HashMap<>();
        Map<String, Usage> usage = usageByOwner();
        int examined = 0;
        for (var it = queue.iterator(); it.hasNext(); ) {
            Queued q = it.next();
            examined++;
            if (q.startsAt() != null && q.startsAt().isAfter(now)) {
                continue;
            }
            ResourcePolicy policy = policyOf.computeIfAbsent(q.accessKey(), policies);
            Usage used = usage.computeIfAbsent(q.accessKey(), k -> new Usage());
            Optional<Waiting> refusal = used.refuse(policy, q.resources());
            if (refusal.isPresent()) {
                note(q.id(), refusal.get(), changed);
                continue;
            }
            Optional<Allocation> given = capacity.tryHold(q.id(), q.resources());
            if (given.isEmpty()) {
                note(q.id(), new Waiting("no-available-instances", null), changed);
                continue;
            }
            it.remove();
            reported.remove(q.id());
            holders.put(q.id(), q);
            used.add(q.resources());
            admitted.add(Map.entry(q, given.get()));
        }
        return examined;
    }

    private void note(String id, Waiting w, Map<String, Waiting> changed) {
        if (!w.equals(reported.get(id))) {
            reported.put(id, w);
            changed.put(id, w);
        }
    }

    private Map<String, Usage> usageByOwner() {
        Map<String, Usage> m = new HashMap<>();
        holders.values().forEach(h -> m.computeIfAbsent(h.accessKey(), k -> new Usage()).add(h.resources()));
        return m;
    }

    /** What one owner's sessions hold, checked against their policy. */
    private static final class Usage {
        int sessions;
        final Map<String, BigDecimal> slots = new HashMap<>();

        void add(Map<String, String> resources) {
            sessions++;
            resources.forEach((k, v) -> slots.merge(k, new BigDecimal(v), BigDecimal::add));
        }

        Optional<Waiting> refuse(ResourcePolicy p, Map<String, String> want) {
            if (p.maxConcurrentSessions() > 0 && sessions >= p.maxConcurrentSessions()) {
                return Optional.of(new Waiting("predicate-checks-failed", "{\"failed_predicates\":[{\"name\":"
                        + "\"concurrency\",\"msg\":\"You cannot run more than " + p.maxConcurrentSessions()
                        + " concurrent sessions (policy " + p.name() + ")\"}]}"));
            }
            for (var e : p.totalResourceSlots().entrySet()) {
                String amount = want.get(e.getKey());
                BigDecimal after = slots.getOrDefault(e.getKey(), BigDecimal.ZERO)
                        .add(amount == null ? BigDecimal.ZERO : new BigDecimal(amount));
                if (after.compareTo(new BigDecimal(e.getValue())) > 0) {
                    return Optional.of(new Waiting("predicate-checks-failed", "{\"failed_predicates\":[{\"name\":"
                            + "\"keypair_resource_limit\",\"msg\":\"Your keypair resource quota is exceeded ("
                            + e.getKey() + ", policy " + p.name() + ")\"}]}"));
                }
            }
            return Optional.empty();
        }
    }

    private void loop() {
        while (!closed) {
            try {
                awaitWork();
                if (!closed) {
                    pass();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Scheduler.class).error("scheduling pass failed", e);
            }
        }
    }

    /** Waits for a wake-up, or for the earliest deferred start time (at most a second: clocks move). */
    private void awaitWork() throws InterruptedException {
        lock.lock();
        try {
            long waitNanos = Duration.ofSeconds(1).toNanos();
            Instant next = queue.stream().map(Queued::startsAt).filter(java.util.Objects::nonNull)
                    .min(Comparator.naturalOrder()).orElse(null);
            if (next != null) {
                waitNanos = Math.max(0, Math.min(waitNanos, Duration.between(clock.instant(), next).toNanos()));
            }
            while (!pending && !closed && waitNanos > 0) {
                waitNanos = wakeUp.awaitNanos(waitNanos);
            }
            pending = false;
        } finally {
            lock.unlock();
        }
    }

    private <T> T withLock(java.util.function.Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        closed = true;
        wake();
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
