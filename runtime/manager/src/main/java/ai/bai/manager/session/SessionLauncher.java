package ai.bai.manager.session;

import ai.bai.api.SessionStatus;
import ai.bai.manager.agent.KernelSpec;
import ai.bai.manager.agent.KernelStartException;
import ai.bai.manager.agent.LocalAgent;
import ai.bai.manager.session.SessionRecord.KernelPlacement;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The process side of the lifecycle: starts admitted sessions' kernels, restarts and re-adopts them, ends them,
 * and hands batch sessions to {@link BatchTasks}.
 */
public final class SessionLauncher implements Scheduler.Launcher {
    private final Lifecycle lifecycle;
    private final LocalAgent agent;
    private final Scheduler scheduler;
    private final Activity activity;
    private final BatchTasks batches;

    public SessionLauncher(Lifecycle lifecycle, LocalAgent agent, Scheduler scheduler, Activity activity) {
        this.lifecycle = lifecycle;
        this.agent = agent;
        this.scheduler = scheduler;
        this.activity = activity;
        this.batches = new BatchTasks(lifecycle, agent, this::terminate);
    }

    @Override
    public void launch(String sessionId, Allocation allocation) {
        Thread.ofVirtual().name("start-" + sessionId).start(() -> start(sessionId, allocation));
    }

    /** Ends a session for {@code reason}: cancelled while queued, terminated otherwise. */
    public SessionRecord terminate(String id, String reason) {
        SessionRecord ended = lifecycle.serialized(id, () -> {
            SessionRecord s = lifecycle.current(id);
            if (s.status().isFinished()) {
                return s;
            }
            if (s.status() == SessionStatus.PENDING && scheduler.cancel(id)) {
                return lifecycle.transition(s, SessionStatus.CANCELLED, reason);
            }
            s = lifecycle.transition(s, SessionStatus.TERMINATING, reason);
            if (s.kernel() != null) {
                agent.terminate(s.id(), s.kernel());
            }
            return lifecycle.transition(s, SessionStatus.TERMINATED, reason);
        });
        activity.forget(id);
        scheduler.release(id);
        return ended;
    }

    /** Kills the kernel's processes and starts a new kernel in the same folder. */
    public SessionRecord restart(String id) {
        SessionRecord s = lifecycle.locked(id, () -> lifecycle.transition(lifecycle.current(id),
                SessionStatus.RESTARTING, "restarting"));
        try {
            KernelPlacement placement = agent.restart(spec(s, s.state().allocation()), s.kernel());
            return lifecycle.locked(id, () -> {
                SessionRecord cur = lifecycle.current(id).withKernel(placement);
                lifecycle.store().update(cur);
                activity.started(id);
                return lifecycle.transition(cur, SessionStatus.RUNNING, null);
            });
        } catch (KernelStartException e) {
            lifecycle.locked(id, () -> lifecycle.transition(lifecycle.current(id), SessionStatus.ERROR,
                    "restart-timeout: " + e.getMessage()));
            scheduler.release(id);
            throw new IllegalStateException("session '" + s.name() + "' did not restart: " + e.getMessage());
        }
    }

    /** Takes over a session a previous manager ran: it keeps its slots if its kernel still lives. */
    public void readopt(SessionRecord s) {
        if (s.kernel() != null && agent.isAlive(s.kernel())) {
            scheduler.restore(SessionService.queued(s), s.state().allocation());
            activity.started(s.id());
            if (s.spec().isBatch()) {
                batches.watch(s);
            }
            return;
        }
        lifecycle.serialized(s.id(), () -> {
            if (s.kernel() != null) {
                agent.terminate(s.id(), s.kernel());
            }
            return lifecycle.transition(lifecycle.current(s.id()), SessionStatus.ERROR,
                    "container-not-found: the kernel process ended while the manager was down");
        });
    }

    private void start(String id, Allocation allocation) {
        try {
            SessionRecord s = lifecycle.locked(id, () -> prepare(id, allocation));
            if (s == null) {
                scheduler.release(id);
                return;
            }
            KernelPlacement placement = agent.start(spec(s, allocation));
            SessionRecord running = lifecycle.serialized(id, () -> {
                SessionRecord cur = lifecycle.current(id);
                if (cur.status() != SessionStatus.CREATING) {
                    agent.terminate(id, placement);  // terminated while it started
                    return null;
                }
                cur = cur.withKernel(placement);
                lifecycle.store().update(cur);
                return lifecycle.transition(cur, SessionStatus.RUNNING, null);
            });
            if (running == null) {
                scheduler.release(id);
                return;
            }
            activity.started(id);
            if (running.spec().isBatch()) {
                batches.start(running);
            }
        } catch (KernelStartException | RuntimeException e) {
            lifecycle.locked(id, () -> lifecycle.transition(lifecycle.current(id), SessionStatus.ERROR,
                    "failed-to-start: " + e.getMessage()));
            scheduler.release(id);
        }
    }

    /** PENDING to CREATING in one transaction; null when the session left the queue meanwhile. */
    private SessionRecord prepare(String id, Allocation allocation) {
        SessionRecord s = lifecycle.current(id);
        if (s.status() != SessionStatus.PENDING) {
            return null;
        }
        s = s.withAllocation(allocation);
        s = lifecycle.transition(s, SessionStatus.SCHEDULED, "scheduled");
        s = lifecycle.transition(s, SessionStatus.PREPARING, "preparing");
        s = lifecycle.transition(s, SessionStatus.PREPARED, null);
        return lifecycle.transition(s, SessionStatus.CREATING, null);
    }

    private KernelSpec spec(SessionRecord s, Allocation allocation) {
        Set<Integer> uids = lifecycle.store().withStatus(SessionService.LIVE).stream()
                .filter(r -> r.kernel() != null && !r.id().equals(s.id())).map(r -> r.kernel().uid())
                .collect(Collectors.toSet());
        return new KernelSpec(s.id(), s.name(), s.runtime(), s.image(), s.seq(), s.environ(), uids,
                LocalAgent.limits(s.resources(), allocation.cores()), allocation.gpus());
    }
}
