package ai.bai.manager.session;

import ai.bai.api.SessionStatus;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A session as the manager stores it: its identity, what it was created with ({@link SessionSpec}) and where
 * it is in its lifecycle ({@link State}). Immutable: every change produces a new record.
 */
public record SessionRecord(long seq, String id, String name, String accessKey, SessionSpec spec, State state) {

    /** The process side of a session: its Unix user, its kernel runner's pid and its folder. */
    public record KernelPlacement(int uid, long pid, String directory) {
    }

    /**
     * The lifecycle part of a session.
     *
     * @param history status name to the time it was entered, in order
     * @param allocation cores and GPUs the session holds while it occupies resources
     */
    public record State(SessionStatus status, String statusInfo, String statusData, Instant statusChanged,
                        Map<String, Instant> history, Instant createdAt, Instant terminatedAt, String result,
                        Integer exitCode, KernelPlacement kernel, Allocation allocation, int numQueries) {
        public State {
            history = Collections.unmodifiableMap(new LinkedHashMap<>(history));  // kept in order
            allocation = allocation == null ? Allocation.NONE : allocation;
        }

        static State pending(Instant now) {
            return new State(SessionStatus.PENDING, null, null, now, Map.of(SessionStatus.PENDING.name(), now), now,
                    null, "UNDEFINED", null, null, Allocation.NONE, 0);
        }
    }

    public SessionStatus status() {
        return state.status();
    }

    public String statusInfo() {
        return state.statusInfo();
    }

    public KernelPlacement kernel() {
        return state.kernel();
    }

    public String runtime() {
        return spec.runtime();
    }

    public String image() {
        return spec.image();
    }

    public String type() {
        return spec.type();
    }

    public Map<String, String> resources() {
        return spec.resources();
    }

    public Map<String, String> environ() {
        return spec.environ();
    }

    public SessionRecord withStatus(SessionStatus next, String info, Instant now) {
        Map<String, Instant> history = new LinkedHashMap<>(state.history());
        history.put(next.name(), now);
        Instant ended = next.isTerminal() && state.terminatedAt() == null ? now : state.terminatedAt();
        return with(new State(next, info, state.statusData(), now, history, state.createdAt(), ended,
                state.result(), state.exitCode(), state.kernel(), next.isTerminal() ? Allocation.NONE : state.allocation(),
                state.numQueries()));
    }

    /** The same status with other details, e.g. why a PENDING session still waits. */
    public SessionRecord withStatusInfo(String info, String data) {
        return with(new State(state.status(), info, data, state.statusChanged(), state.history(), state.createdAt(),
                state.terminatedAt(), state.result(), state.exitCode(), state.kernel(), state.allocation(),
                state.numQueries()));
    }

    public SessionRecord withResult(String result, Integer exitCode) {
        return with(new State(state.status(), state.statusInfo(), state.statusData(), state.statusChanged(),
                state.history(), state.createdAt(), state.terminatedAt(), result, exitCode, state.kernel(),
                state.allocation(), state.numQueries()));
    }

    public SessionRecord withKernel(KernelPlacement placement) {
        return with(new State(state.status(), state.statusInfo(), state.statusData(), state.statusChanged(),
                state.history(), state.createdAt(), state.terminatedAt(), state.result(), state.exitCode(), placement,
                state.allocation(), state.numQueries()));
    }

    public SessionRecord withAllocation(Allocation allocation) {
        return with(new State(state.status(), state.statusInfo(), state.statusData(), state.statusChanged(),
                state.history(), state.createdAt(), state.terminatedAt(), state.result(), state.exitCode(),
                state.kernel(), allocation, state.numQueries()));
    }

    public SessionRecord withQueryCounted() {
        return with(new State(state.status(), state.statusInfo(), state.statusData(), state.statusChanged(),
                state.history(), state.createdAt(), state.terminatedAt(), state.result(), state.exitCode(),
                state.kernel(), state.allocation(), state.numQueries() + 1));
    }

    public SessionRecord withSeq(long newSeq) {
        return new SessionRecord(newSeq, id, name, accessKey, spec, state);
    }

    private SessionRecord with(State next) {
        return new SessionRecord(seq, id, name, accessKey, spec, next);
    }
}
