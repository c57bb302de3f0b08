package ai.bai.manager.agent;

import ai.bai.api.ConsoleItem;
import ai.bai.api.ExecutionResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One run of code in a kernel, seen as Execution Result steps. A reader thread moves the runner's messages into
 * a queue; {@link #next} turns them into one step: everything printed so far, ending at a status message
 * (waiting-input, clean-finished, build-finished, finished), or a {@code continued} step when output has been
 * waiting for the coalescing window.
 */
public final class Execution implements AutoCloseable {
    private static final JsonNode CLOSED = com.fasterxml.jackson.databind.node.NullNode.getInstance();

    private final String runId;
    private final RunnerConnection connection;
    private final Runnable onEnd;
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private volatile boolean finished;

    private Execution(String runId, RunnerConnection connection, Runnable onEnd) {
        this.runId = runId;
        this.connection = connection;
        this.onEnd = onEnd;
    }

    /**
     * Sends the execute request and starts reading what the runner answers.
     *
     * @param onEnd runs once when the run ends (finished, or the kernel went away)
     */
    public static Execution start(String runId, RunnerConnection connection, Map<String, Object> request,
                                  Runnable onEnd) throws IOException {
        Execution e = new Execution(runId, connection, onEnd);
        connection.send(request);
        Thread.ofVirtual().name("exec-" + runId).start(e::pump);
        return e;
    }

    public String runId() {
        return runId;
    }

    public boolean isFinished() {
        return finished;
    }

    /**
     * The next step. Waits up to {@code maxWait} for the first message; once output is pending, waits at most
     * {@code coalesce} for more before answering {@code continued}.
     */
    public ExecutionResult next(Duration maxWait, Duration coalesce) throws InterruptedException {
        List<ConsoleItem> console = new ArrayList<>();
        long deadline = System.nanoTime() + maxWait.toNanos();
        long flushAt = Long.MAX_VALUE;
        while (true) {
            long now = System.nanoTime();
            long until = Math.min(deadline, flushAt);
            JsonNode m = messages.poll(Math.max(0, until - now), TimeUnit.NANOSECONDS);
            if (m == null) {
                return step(ExecutionResult.CONTINUED, null, console, Map.of());
            }
            if (m == CLOSED) {
                finished = true;
                console.add(ConsoleItem.stderr("bai: the kernel went away during the run\n"));
                return step(ExecutionResult.FINISHED, -1, console, Map.of());
            }
            String type = m.path("t").asText();
            switch (type) {
                case "stdout", "stderr" -> {
                    append(console, type, m.path("d").asText());
                    flushAt = Math.min(flushAt, System.nanoTime() + coalesce.toNanos());
                }
                case "waiting-input" -> {
                    return step(ExecutionResult.WAITING_INPUT, null, console,
                            Map.of("is_password", m.path("password").asBoolean(false)));
                }
                case "clean-finished", "build-finished" -> {
                    return step(type, m.path("exitCode").asInt(), console, Map.of());
                }
                case "finished" -> {
                    finished = true;
                    return step(ExecutionResult.FINISHED, m.path("exitCode").asInt(), console, Map.of());
                }
                default -> append(console, "stderr", "bai: unexpected kernel message " + m + "\n");
            }
        }
    }

    /** Answers a waiting-input step. */
    public void input(String line) throws IOException {
        connection.send(Map.of("op", "input", "data", line));
    }

    public void interrupt() {
        try {
            connection.send(Map.of("op", "interrupt"));
        } catch (IOException ignored) {
            // the run is over already
        }
    }

    @Override
    public void close() {
        connection.close();
    }

    private ExecutionResult step(String status, Integer exitCode, List<ConsoleItem> console,
                                 Map<String, Object> options) {
        return new ExecutionResult(runId, status, exitCode, console, options, List.of());
    }

    /** Consecutive chunks of the same stream become one console item. */
    private static void append(List<ConsoleItem> console, String type, String text) {
        if (!console.isEmpty() && console.get(console.size() - 1).type().equals(type)) {
            ConsoleItem last = console.remove(console.size() - 1);
            console.add(new ConsoleItem(type, last.data() + text));
        } else {
            console.add(new ConsoleItem(type, text));
        }
    }

    private void pump() {
        try {
            JsonNode m;
            while ((m = connection.receive()) != null) {
                messages.add(m);
                if ("finished".equals(m.path("t").asText())) {
                    return;
                }
            }
            messages.add(CLOSED);
        } catch (IOException | RuntimeException e) {
            messages.add(CLOSED);
        } finally {
            onEnd.run();
        }
    }
}
