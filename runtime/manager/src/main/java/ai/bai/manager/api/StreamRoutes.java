package ai.bai.manager.api;

import ai.bai.api.ExecuteRequest;
import ai.bai.api.ExecutionResult;
import ai.bai.api.Json;
import ai.bai.manager.ApiProblem;
import ai.bai.manager.agent.Execution;
import ai.bai.manager.session.ExecutionService;
import ai.bai.manager.session.SessionRecord;
import ai.bai.manager.session.SessionService;
import io.javalin.config.RoutesConfig;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The streaming execute WebSocket {@code /stream/session/{ref}/execute}: the first text frame is the request,
 * then the server sends one Execution Result per step; a text frame after waiting-input is the user's input.
 * A client that goes away interrupts its run.
 */
public final class StreamRoutes implements Routes {
    private final SessionService sessions;
    private final ExecutionService executions;
    private final Map<String, Stream> streams = new ConcurrentHashMap<>();

    public StreamRoutes(SessionService sessions, ExecutionService executions) {
        this.sessions = sessions;
        this.executions = executions;
    }

    /** One connection's state: its run once started, and input lines the client sent. */
    private static final class Stream {
        volatile Execution execution;
        final BlockingQueue<String> inputs = new LinkedBlockingQueue<>();
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.ws("/stream/session/{ref}/execute", ws -> {
            ws.onConnect(ctx -> {
                ctx.session.setIdleTimeout(Duration.ofDays(1));
                streams.put(ctx.sessionId(), new Stream());
            });
            ws.onMessage(ctx -> onText(ctx, ctx.message()));
            ws.onClose(ctx -> {
                Stream s = streams.remove(ctx.sessionId());
                if (s != null && s.execution != null && !s.execution.isFinished()) {
                    s.execution.interrupt();
                    s.execution.close();
                }
                if (s != null) {
                    s.inputs.add("");
                }
            });
        });
    }

    private void onText(WsContext ctx, String text) {
        Stream stream = streams.get(ctx.sessionId());
        if (stream == null) {
            return;
        }
        if (stream.execution != null) {
            stream.inputs.add(text);
            return;
        }
        try {
            ExecuteRequest request = Json.read(text, ExecuteRequest.class);
            String owner = ownerOf(ctx);
            SessionRecord session = sessions.resolve(ctx.pathParam("ref"), owner);
            stream.execution = executions.start(session, request);
            Thread.ofVirtual().name("ws-exec-" + session.name()).start(() -> relay(ctx, stream));
        } catch (ApiProblem | IllegalArgumentException e) {
            ctx.send(Json.write(Map.of("status", "error", "msg", e.getMessage())));
            ctx.closeSession(1000, "error");
        }
    }

    private void relay(WsContext ctx, Stream stream) {
        Execution e = stream.execution;
        try (e) {
            while (true) {
                ExecutionResult step = e.next(Duration.ofDays(1), ExecutionService.COALESCE);
                if (!ctx.session.isOpen()) {
                    return;
                }
                ctx.send(Json.write(step));
                if (step.isFinal()) {
                    break;
                }
                if (ExecutionResult.WAITING_INPUT.equals(step.status())) {
                    e.input(stream.inputs.take());
                }
            }
            ctx.closeSession(1000, "finished");
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } catch (Exception ex) {
            if (ctx.session.isOpen()) {
                ctx.send(Json.write(Map.of("status", "error", "msg", String.valueOf(ex.getMessage()))));
                ctx.closeSession(1011, "error");
            }
        }
    }

    private static String ownerOf(WsContext ctx) {
        Auth.Caller caller = ctx.attribute(ApiServer.CALLER);
        if (caller == null) {
            throw new ApiProblem(401, "auth-failed", "Credential/signature mismatch.", "unauthenticated stream", null);
        }
        return caller.keypair().accessKey();
    }
}
