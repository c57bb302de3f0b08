package ai.bai.manager.session;

import ai.bai.api.SessionStatus;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A session as the manager stores it. Immutable: every change produces a new record through a {@code with...}
 * method, and the store persists it.
 *
 * @param runtime       the local runtime the image resolved to ({@code python}, {@code bash})
 * @param statusHistory status name to the time it was entered, in order
 * @param resources     requested slots in canonical form (cpu as a decimal string, mem in bytes)
 * @param kernel        where the session's kernel runs, or null before it started
 */
public record SessionRecord(long seq, String id, String name, String accessKey, String image, String runtime,
                            String type, String domainName, String groupName, String tag, SessionStatus status,
                            String statusInfo, Instant statusChanged, Map<String, Instant> statusHistory,
                            Instant createdAt, Instant terminatedAt, String result, Integer exitCode,
                            Map<String, String> resources, Map<String, String> environ, String requestJson,
                            KernelPlacement kernel, int numQueries) {

    public SessionRecord {
        // kept in the order the statuses were entered
        statusHistory = Collections.unmodifiableMap(new LinkedHashMap<>(statusHistory));
        resources = Map.copyOf(resources);
        environ = Map.copyOf(environ);
    }

    /** The process side of a session: its Unix user, its kernel runner's pid and its folders. */
    public record KernelPlacement(int uid, long pid, String directory) {
    }

    public SessionRecord withStatus(SessionStatus next, String info, Instant now) {
        Map<String, Instant> history = new LinkedHashMap<>(statusHistory);
        history.put(next.name(), now);
        Instant ended = next.isTerminal() && terminatedAt == null ? now : terminatedAt;
        return new SessionRecord(seq, id, name, accessKey, image, runtime, type, domainName, groupName, tag, next,
                info, now, history, createdAt, ended, result, exitCode, resources, environ,
                requestJson, kernel, numQueries);
    }

    public SessionRecord withResult(String newResult, Integer newExitCode) {
        return new SessionRecord(seq, id, name, accessKey, image, runtime, type, domainName, groupName, tag, status,
                statusInfo, statusChanged, statusHistory, createdAt, terminatedAt, newResult, newExitCode, resources,
                environ, requestJson, kernel, numQueries);
    }

    public SessionRecord withKernel(KernelPlacement placement) {
        return new SessionRecord(seq, id, name, accessKey, image, runtime, type, domainName, groupName, tag, status,
                statusInfo, statusChanged, statusHistory, createdAt, terminatedAt, result, exitCode, resources,
                environ, requestJson, placement, numQueries);
    }

    public SessionRecord withQueryCounted() {
        return new SessionRecord(seq, id, name, accessKey, image, runtime, type, domainName, groupName, tag, status,
                statusInfo, statusChanged, statusHistory, createdAt, terminatedAt, result, exitCode, resources,
                environ, requestJson, kernel, numQueries + 1);
    }

    public SessionRecord withSeq(long newSeq) {
        return new SessionRecord(newSeq, id, name, accessKey, image, runtime, type, domainName, groupName, tag,
                status, statusInfo, statusChanged, statusHistory, createdAt, terminatedAt, result, exitCode,
                resources, environ, requestJson, kernel, numQueries);
    }

    public boolean isBatch() {
        return "batch".equals(type);
    }
}
