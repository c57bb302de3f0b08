package ai.bai.client;

import ai.bai.api.ExecuteRequest;
import ai.bai.api.ExecutionResult;
import ai.bai.api.Json;
import ai.bai.api.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * A run over the streaming execute WebSocket: {@link #next} returns each Execution Result the server sends,
 * {@link #sendInput} answers waiting-input. Closing it early makes the server interrupt the run.
 */
public final class ExecutionStream implements AutoCloseable {
    private sealed interface Frame permits Text, Closed, Failed { }

    private record Text(String text) implements Frame { }

    private record Closed(int code, String reason) implements Frame { }

    private record Failed(Throwable error, int status, String body) implements Frame { }

    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private WebSocket socket;
    private boolean ended;

    private ExecutionStream() {
    }

    static ExecutionStream open(OkHttpClient http, Request request, ExecuteRequest first) {
        ExecutionStream s = new ExecutionStream();
        s.socket = http.newWebSocket(request, s.listener());
        s.socket.send(Json.write(first.toWire()));
        return s;
    }

    /** The next step of the run; after a final step, further calls fail. */
    public ExecutionResult next() throws InterruptedException {
        if (ended) {
            throw new IllegalStateException("the run has finished");
        }
        Frame f = frames.take();
        return switch (f) {
            case Text t -> parse(t.text());
            case Closed c -> {
                ended = true;
                throw new UncheckedIOException(new IOException("the manager closed the execution stream before "
                        + "the run finished (" + c.code() + " " + c.reason() + ")"));
            }
            case Failed x -> {
                ended = true;
                throw failure(x);
            }
        };
    }

    public void sendInput(String line) {
        socket.send(line);
    }

    @Override
    public void close() {
        socket.close(1000, "client done");
    }

    private ExecutionResult parse(String text) {
        JsonNode node = Json.tree(text);
        String status = node.path("status").asText();
        if ("error".equals(status) || "server-restarting".equals(status)) {
            ended = true;
            throw new BackendException(500, Problem.of(Problem.KERNEL_EXECUTION_FAILED, "Execution failed.",
                    node.path("msg").asText(status)));
        }
        ExecutionResult r = Json.convert(node, ExecutionResult.class);
        if (r.isFinal()) {
            ended = true;
        }
        return r;
    }

    private static RuntimeException failure(Failed x) {
        if (x.status() > 0) {
            Problem p;
            try {
                p = Json.read(x.body(), Problem.class);
            } catch (IllegalArgumentException notJson) {
                p = Problem.of("generic-bad-request", "HTTP " + x.status(), x.body());
            }
            return new BackendException(x.status(), p);
        }
        return new UncheckedIOException(new IOException("execution stream failed: " + x.error().getMessage(),
                x.error()));
    }

    private WebSocketListener listener() {
        return new WebSocketListener() {
            @Override
            public void onMessage(WebSocket webSocket, String text) {
                frames.add(new Text(text));
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                webSocket.close(1000, null);
                frames.add(new Closed(code, reason));
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                String body = "";
                int status = 0;
                if (response != null && response.code() != 101) {
                    status = response.code();
                    try {
                        body = response.body().string();
                    } catch (IOException | IllegalStateException ignored) {
                        // the body is gone; the status says enough
                    }
                }
                frames.add(new Failed(t, status, body));
            }
        };
    }
}
