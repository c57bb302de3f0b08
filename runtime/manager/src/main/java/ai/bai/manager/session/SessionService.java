package ai.bai.manager.session;

import ai.bai.api.LifecycleEvent.KernelEvent;
import ai.bai.api.LifecycleEvent.SessionEvent;
import ai.bai.api.Problem;
import ai.bai.api.SessionCreateRequest;
import ai.bai.api.SessionStatus;
import ai.bai.manager.ApiProblem;
import ai.bai.manager.agent.KernelSpec;
import ai.bai.manager.agent.KernelStartException;
import ai.bai.manager.agent.LocalAgent;
import ai.bai.manager.session.SessionRecord.KernelPlacement;
import ai.bai.manager.store.KeypairStore.Keypair;
import ai.bai.manager.store.SessionStore;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** Creates, finds and terminates sessions, moving each through the lifecycle and publishing every step. */
public final class SessionService {
    private static final Set<SessionStatus> LIVE = EnumSet.complementOf(EnumSet.of(SessionStatus.TERMINATED,
            SessionStatus.CANCELLED));

    private final SessionStore store;
    private final EventLog events;
    private final LocalAgent agent;
    private final SessionRequests requests;
    private final Clock clock;
    private final Map<String, CompletableFuture<SessionRecord>> startups = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public SessionService(SessionStore store, EventLog events, LocalAgent agent, SessionRequests requests,
                         Clock clock) {
        this.store = store;
        this.events = events;
        this.agent = agent;
        this.requests = requests;
        this.clock = clock;
    }

    /** What a creation request led to. */
    public record CreateOutcome(SessionRecord session, boolean created, boolean timedOut, String notice) {
    }

    /** Get-or-create: validates everything first, then enqueues and (unless enqueue-only) waits for the start. */
    public CreateOutcome create(SessionCreateRequest request, Keypair owner) {
        CreationPlan plan = requests.validate(request);
        Optional<SessionRecord> existing = liveByName(owner.accessKey(), plan.name());
        if (existing.isPresent()) {
            SessionRecord s = existing.get();
            if (plan.reuse() && s.image().equals(plan.image())) {
                return new CreateOutcome(s, false, false, plan.notice());
            }
            throw new ApiProblem(400, Problem.SESSION_ALREADY_EXISTS, "The session already exists.",
                    "a session named '" + plan.name() + "' already exists" + (plan.reuse()
                            ? " with another image (" + s.image() + ")" : " and reuse was not allowed"),
                    Map.of("existingSessionId", s.id()));
        }
        SessionRecord session = enqueue(plan, owner);
        CompletableFuture<SessionRecord> started = new CompletableFuture<>();
        startups.put(session.id(), started);
        Thread.ofVirtual().name("start-" + session.name()).start(() -> launch(session.id()));
        if (plan.enqueueOnly()) {
            return new CreateOutcome(session, true, false, plan.notice());
        }
        return awaitStart(session, started, plan);
    }

    public Optional<SessionRecord> byId(String id) {
        return store.byId(id);
    }

    /**
     * Finds the owner's session by name (live sessions), full id (any status) or id prefix (live sessions).
     */
    public SessionRecord resolve(String ref, String accessKey) {
        List<SessionRecord> candidates = store.matching(accessKey, ref);
        List<SessionRecord> byName = candidates.stream()
                .filter(s -> s.name().equals(ref) && LIVE.contains(s.status())).toList();
        if (byName.size() == 1) {
            return byName.get(0);
        }
        Optional<SessionRecord> byId = candidates.stream().filter(s -> s.id().equals(ref)).findFirst();
        if (byId.isPresent()) {
            return byId.get();
        }
        List<SessionRecord> byPrefix = candidates.stream()
                .filter(s -> s.id().startsWith(ref) && LIVE.contains(s.status())).toList();
        if (byPrefix.size() == 1) {
            return byPrefix.get(0);
        }
        if (byPrefix.size() > 1) {
            throw new ApiProblem(404, Problem.TOO_MANY_MATCHED, "Too many sessions matched.",
                    "'" + ref + "' matches " + byPrefix.size() + " sessions; give more of the id",
                    Map.of("matches", byPrefix.stream().map(s -> Map.of("id", s.id(), "name", s.name(),
                            "status", s.status().name())).toList()));
        }
        throw ApiProblem.notFound("No such session.", "no session named or with id '" + ref + "'");
    }

    /** Terminates a running session, or cancels one that has not started. Returns the final record. */
    public SessionRecord destroy(String ref, String accessKey, boolean forced) {
        SessionRecord s = resolve(ref, accessKey);
        synchronized (lock(s.id())) {
            s = store.byId(s.id()).orElseThrow();
            if (s.status().isFinished()) {
                return s;
            }
            if (s.kernel() == null && EnumSet.of(SessionStatus.PENDING, SessionStatus.SCHEDULED).contains(s.status())) {
                return cancel(s, "user-requested");
            }
            s = transition(s, SessionStatus.TERMINATING, "user-requested");
            if (s.kernel() != null) {
                agent.terminate(s.kernel());
            }
            return transition(s, SessionStatus.TERMINATED, forced ? "force-terminated" : "user-requested");
        }
    }

    /**
     * Re-adopts what a previous manager left: running kernels that still answer stay RUNNING; kernels that died
     * meanwhile end the session in ERROR; queued sessions are launched; half-started ones are cleaned up.
     */
    public void recover() {
        for (SessionRecord s : store.withStatus(LIVE)) {
            switch (s.status()) {
                case RUNNING, RUNNING_DEGRADED, RESTARTING -> {
                    if (s.kernel() == null || !agent.isAlive(s.kernel())) {
                        transition(s, SessionStatus.ERROR, "container-not-found: the kernel process ended while "
                                + "the manager was down");
                        publish(s, "session_terminated", "container-not-found", null);
                    }
                }
                case TERMINATING -> {
                    if (s.kernel() != null) {
                        agent.terminate(s.kernel());
                    }
                    transition(s, SessionStatus.TERMINATED, s.statusInfo());
                }
                case PENDING -> {
                    startups.put(s.id(), new CompletableFuture<>());
                    Thread.ofVirtual().name("start-" + s.name()).start(() -> launch(s.id()));
                }
                case SCHEDULED, PREPARING, PULLING, PREPARED, CREATING -> {
                    agent.discard(s.id());
                    transition(s, SessionStatus.ERROR, "failed-to-start: the manager stopped while the session "
                            + "started");
                    publish(s, "session_cancelled", "failed-to-start", null);
                }
                default -> { }
            }
        }
    }

    /** Records a finished query run against the session. */
    public void countQuery(String id) {
        synchronized (lock(id)) {
            store.byId(id).ifPresent(s -> store.update(s.withQueryCounted()));
        }
    }

    public Set<Integer> uidsInUse() {
        return store.withStatus(LIVE).stream().filter(s -> s.kernel() != null).map(s -> s.kernel().uid())
                .collect(Collectors.toSet());
    }

    private Optional<SessionRecord> liveByName(String accessKey, String name) {
        return store.matching(accessKey, name).stream()
                .filter(s -> s.name().equals(name) && LIVE.contains(s.status())).findFirst();
    }

    private SessionRecord enqueue(CreationPlan plan, Keypair owner) {
        var now = clock.instant();
        SessionRecord s = store.insert(new SessionRecord(0, UUID.randomUUID().toString(), plan.name(),
                owner.accessKey(), plan.image(), plan.runtime(), plan.type(), plan.domain(), plan.group(), plan.tag(),
                SessionStatus.PENDING, null, now, Map.of(SessionStatus.PENDING.name(), now), now, null, "UNDEFINED",
                null, plan.resources(), plan.environ(), plan.requestJson(), null, 0));
        publish(s, "session_enqueued", null, null);
        return s;
    }

    private CreateOutcome awaitStart(SessionRecord s, CompletableFuture<SessionRecord> started, CreationPlan plan) {
        try {
            SessionRecord done = plan.maxWaitSeconds() == 0 ? started.get()
                    : started.get(plan.maxWaitSeconds(), TimeUnit.SECONDS);
            return new CreateOutcome(done, true, false, plan.notice());
        } catch (TimeoutException e) {
            return new CreateOutcome(store.byId(s.id()).orElse(s), true, true, plan.notice());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CreateOutcome(store.byId(s.id()).orElse(s), true, true, plan.notice());
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Takes a session from PENDING to RUNNING (or ERROR), one recorded step at a time. */
    private void launch(String id) {
        SessionRecord s;
        try {
            synchronized (lock(id)) {
                s = store.byId(id).orElseThrow();
                if (s.status() != SessionStatus.PENDING) {
                    return;
                }
                s = transition(s, SessionStatus.SCHEDULED, "scheduled");
                s = transition(s, SessionStatus.PREPARING, "preparing");
                s = transition(s, SessionStatus.PREPARED, null);
                s = transition(s, SessionStatus.CREATING, null);
            }
            KernelSpec spec = new KernelSpec(s.id(), s.name(), s.runtime(), s.image(), s.seq(), s.environ(),
                    uidsInUse());
            KernelPlacement placement = agent.start(spec);
            synchronized (lock(id)) {
                s = store.byId(id).orElseThrow();
                if (s.status() != SessionStatus.CREATING) {
                    agent.terminate(placement);  // cancelled while it started
                    return;
                }
                s = s.withKernel(placement);
                store.update(s);
                s = transition(s, SessionStatus.RUNNING, null);
            }
        } catch (KernelStartException | RuntimeException e) {
            synchronized (lock(id)) {
                s = store.byId(id).orElseThrow();
                s = transition(s, SessionStatus.ERROR, "failed-to-start: " + e.getMessage());
                publish(s, "session_cancelled", "failed-to-start", null);
            }
        } finally {
            CompletableFuture<SessionRecord> f = startups.remove(id);
            if (f != null) {
                f.complete(store.byId(id).orElseThrow());
            }
        }
    }

    private SessionRecord cancel(SessionRecord s, String reason) {
        SessionRecord c = transition(s, SessionStatus.CANCELLED, reason);
        CompletableFuture<SessionRecord> f = startups.remove(s.id());
        if (f != null) {
            f.complete(c);
        }
        return c;
    }

    /** Stores the new status and publishes the events upstream emits for it. */
    SessionRecord transition(SessionRecord s, SessionStatus next, String info) {
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
            case TERMINATING -> {
                publish(updated, "session_terminating", reason, null);
                publishKernel(updated, "kernel_terminating", reason);
            }
            case TERMINATED -> {
                publishKernel(updated, "kernel_terminated", reason);
                publish(updated, "session_terminated", reason, updated.exitCode());
            }
            case CANCELLED -> publish(updated, "session_cancelled", reason, null);
            default -> { }
        }
        return updated;
    }

    private void publish(SessionRecord s, String name, String reason, Integer exitCode) {
        events.publish(new SessionEvent(0, name, s.id(), s.name(), s.accessKey(), reason, exitCode));
    }

    private void publishKernel(SessionRecord s, String name, String reason) {
        events.publish(new KernelEvent(0, name, s.id(), s.name(), s.accessKey(), s.id(), reason, null));
    }

    private Object lock(String id) {
        return locks.computeIfAbsent(id, k -> new Object());
    }

}
