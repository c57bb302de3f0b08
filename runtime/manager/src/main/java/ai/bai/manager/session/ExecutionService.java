package ai.bai.manager.session;

import ai.bai.api.ExecuteRequest;
import ai.bai.api.ExecutionResult;
import ai.bai.api.Problem;
import ai.bai.api.SessionStatus;
import ai.bai.manager.ApiProblem;
import ai.bai.manager.agent.Execution;
import ai.bai.manager.agent.LocalAgent;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs code in sessions: query, batch, continue and input modes of {@code POST /session/{ref}}, and the
 * streaming execute WebSocket. Runs that are not finished are kept by run id so a polling client can continue.
 */
public final class ExecutionService {
    /** How long a polling call waits for output before it answers {@code continued}. */
    static final Duration POLL_WAIT = Duration.ofSeconds(5);
    /** Output is sent once it has waited this long for more, so streams stay live without tiny frames. */
    public static final Duration COALESCE = Duration.ofMillis(30);

    private final SessionService sessions;
    private final LocalAgent agent;
    private final Activity activity;
    private final Map<String, Execution> running = new ConcurrentHashMap<>();

    public ExecutionService(SessionService sessions, LocalAgent agent, Activity activity) {
        this.sessions = sessions;
        this.agent = agent;
        this.activity = activity;
    }

    /** Starts a query or batch run in a RUNNING session. */
    public Execution start(SessionRecord s, ExecuteRequest request) {
        if (s.status() != SessionStatus.RUNNING || s.kernel() == null) {
            throw new ApiProblem(400, Problem.GENERIC_BAD_REQUEST, "The session is not running.",
                    "session '" + s.name() + "' is " + s.status() + "; code runs only in RUNNING sessions", null);
        }
        String mode = request.mode();
        if (!ExecuteRequest.QUERY.equals(mode) && !ExecuteRequest.BATCH.equals(mode)) {
            throw ApiProblem.badRequest("mode '" + mode + "' starts nothing; accepted: query, batch, continue, input");
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("op", "execute");
        message.put("mode", mode);
        message.put("code", request.code());
        if (ExecuteRequest.BATCH.equals(mode)) {
            message.put("options", request.batchOptions().toMap());
        }
        String runId = request.runId() == null || request.runId().isBlank()
                ? UUID.randomUUID().toString().replace("-", "") : request.runId();
        try {
            Execution e = Execution.start(runId, agent.connect(s.kernel()), message, () -> activity.end(s.id()));
            activity.begin(s.id());  // the idle clock pauses while code runs
            sessions.countQuery(s.id());
            return e;
        } catch (IOException e) {
            throw new ApiProblem(500, Problem.KERNEL_EXECUTION_FAILED, "Cannot reach the kernel.",
                    "session '" + s.name() + "': " + e.getMessage(), null);
        }
    }

    /** One call of the polling API: starts or continues a run and answers its next step. */
    public ExecutionResult poll(SessionRecord s, ExecuteRequest request) throws InterruptedException {
        String mode = request.mode() == null ? ExecuteRequest.QUERY : request.mode();
        Execution e;
        switch (mode) {
            case ExecuteRequest.CONTINUE, ExecuteRequest.INPUT -> {
                if (request.runId() == null) {
                    throw ApiProblem.badRequest("continuation requires explicit run ID");
                }
                e = running.get(request.runId());
                if (e == null) {
                    throw ApiProblem.notFound("No such run.", "no unfinished run '" + request.runId() + "'");
                }
                if (ExecuteRequest.INPUT.equals(mode)) {
                    send(e, request.code());
                }
            }
            default -> {
                e = start(s, request);
                running.put(e.runId(), e);
            }
        }
        ExecutionResult step = e.next(POLL_WAIT, COALESCE);
        if (step.isFinal()) {
            running.remove(e.runId());
            e.close();
        }
        return step;
    }

    private static void send(Execution e, String line) {
        try {
            e.input(line);
        } catch (IOException ex) {
            throw new ApiProblem(500, Problem.KERNEL_EXECUTION_FAILED, "Cannot reach the kernel.", ex.getMessage(),
                    null);
        }
    }
}
