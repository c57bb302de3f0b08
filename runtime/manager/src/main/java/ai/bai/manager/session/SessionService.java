package ai.bai.manager.session;

import ai.bai.api.Problem;
import ai.bai.api.SessionCreateRequest;
import ai.bai.api.SessionStatus;
import ai.bai.manager.ApiProblem;
import ai.bai.manager.agent.LocalAgent;
import ai.bai.manager.store.KeypairStore.Keypair;
import ai.bai.manager.store.SessionStore;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creates, finds, restarts and terminates sessions; the scheduler decides when queued ones start. */
public final class SessionService {
    public static final Set<SessionStatus> LIVE = EnumSet.complementOf(EnumSet.of(SessionStatus.TERMINATED,
            SessionStatus.CANCELLED));

    private final SessionStore store;
    private final Lifecycle lifecycle;
    private final SessionRequests requests;
    private final Scheduler scheduler;
    private final SessionLauncher launcher;
    private final LocalAgent agent;

    public SessionService(Lifecycle lifecycle, SessionRequests requests, Scheduler scheduler,
                          SessionLauncher launcher, LocalAgent agent) {
        this.store = lifecycle.store();
        this.lifecycle = lifecycle;
        this.requests = requests;
        this.scheduler = scheduler;
        this.launcher = launcher;
        this.agent = agent;
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
            if (plan.reuse() && s.image().equals(plan.spec().image())) {
                return new CreateOutcome(s, false, false, plan.notice());
            }
            throw new ApiProblem(400, Problem.SESSION_ALREADY_EXISTS, "The session already exists.",
                    "a session named '" + plan.name() + "' already exists" + (plan.reuse()
                            ? " with another image (" + s.image() + ")" : " and reuse was not allowed"),
                    Map.of("existingSessionId", s.id()));
        }
        SessionRecord s = store.insert(new SessionRecord(0, UUID.randomUUID().toString(), plan.name(),
                owner.accessKey(), plan.spec(), SessionRecord.State.pending(lifecycle.clock().instant())));
        CompletableFuture<SessionRecord> started = lifecycle.startup(s.id());
        lifecycle.publish(s, "session_enqueued", null, null);
        scheduler.enqueue(queued(s));
        if (plan.enqueueOnly() || plan.spec().startsAt() != null) {
            return new CreateOutcome(s, true, false, plan.notice());  // a deferred start is not waited for
        }
        return awaitStart(s, started, plan);
    }

    /** Finds the owner's session by name (live sessions), full id (any status) or id prefix (live sessions). */
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

    /** Terminates a session, or cancels one that has not started. Returns the final record. */
    public SessionRecord destroy(String ref, String accessKey, boolean forced) {
        return launcher.terminate(resolve(ref, accessKey).id(), forced ? "force-terminated" : "user-requested");
    }

    /** Ends a session for {@code reason}: cancelled while queued, terminated otherwise. */
    public SessionRecord terminate(String id, String reason) {
        return launcher.terminate(id, reason);
    }

    /** Restarts a running session's kernel: /home/work stays, the processes are new. */
    public SessionRecord restart(String ref, String accessKey) {
        SessionRecord s = resolve(ref, accessKey);
        if (s.status() != SessionStatus.RUNNING) {
            throw ApiProblem.badRequest("session '" + s.name() + "' is " + s.status() + "; only RUNNING sessions "
                    + "can be restarted");
        }
        return launcher.restart(s.id());
    }

    /**
     * Re-adopts what a previous manager left: running kernels that still answer stay RUNNING and keep their slots;
     * kernels that died meanwhile end in ERROR; queued sessions return to the queue; half-started ones are
     * cleaned up.
     */
    public void recover() {
        for (SessionRecord s : store.withStatus(LIVE)) {
            switch (s.status()) {
                case RUNNING, RUNNING_DEGRADED, RESTARTING -> launcher.readopt(s);
                case TERMINATING -> terminate(s.id(), s.statusInfo());
                case PENDING -> scheduler.enqueue(queued(s));
                case SCHEDULED, PREPARING, PULLING, PREPARED, CREATING -> lifecycle.serialized(s.id(), () -> {
                    agent.discard(s.id());
                    return lifecycle.transition(s, SessionStatus.ERROR,
                            "failed-to-start: the manager stopped while the session started");
                });
                default -> { }
            }
        }
    }

    /** Records a finished query run against the session. */
    public void countQuery(String id) {
        lifecycle.locked(id, () -> {
            store.update(lifecycle.current(id).withQueryCounted());
            return null;
        });
    }

    private Optional<SessionRecord> liveByName(String accessKey, String name) {
        return store.matching(accessKey, name).stream()
                .filter(s -> s.name().equals(name) && LIVE.contains(s.status())).findFirst();
    }

    static Scheduler.Queued queued(SessionRecord s) {
        return new Scheduler.Queued(s.id(), s.accessKey(), s.spec().priority(), s.seq(), s.resources(),
                s.spec().startsAt());
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
}
