package ai.bai.client.sweep;

import ai.bai.api.ExecutionResult;
import ai.bai.client.BackendClient;
import ai.bai.client.BackendException;
import ai.bai.client.ClientConfig;
import ai.bai.client.CodeRunner;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Runs the cases of a sweep, at most {@code maxParallel} at a time, each in a session of its own. A case whose
 * session cannot start yet waits in the manager's queue (its creation request blocks there), not in a polling
 * loop here. Works against any Backend.AI manager: it only uses the public API.
 */
public final class SweepRunner {
    private final BackendClient client;
    private final ClientConfig config;
    private final Set<String> active = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    public SweepRunner(BackendClient client, ClientConfig config) {
        this.client = client;
        this.config = config;
    }

    /** Runs every case and returns their results in case order; {@code events} hears about each step. */
    public SweepResult run(SweepRequest request, Consumer<SweepEvent> events) throws InterruptedException {
        Semaphore slots = new Semaphore(request.maxParallel(), true);  // fair: cases start in order
        CaseResult[] results = new CaseResult[request.cases().size()];
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (SweepCase c : request.cases()) {
                workers.submit(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        results[c.index()] = runCase(request, c, events);
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        return new SweepResult(java.util.Arrays.asList(results));
    }

    /** Runs the sweep on a thread of its own; {@link #cancel} stops it, and the future then ends with it. */
    public java.util.concurrent.CompletableFuture<SweepResult> start(SweepRequest request,
                                                                     Consumer<SweepEvent> events) {
        java.util.concurrent.CompletableFuture<SweepResult> done = new java.util.concurrent.CompletableFuture<>();
        Thread.ofVirtual().name("bai-sweep").start(() -> {
            try {
                done.complete(run(request, events));
            } catch (InterruptedException e) {
                done.completeExceptionally(e);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** Stops the sweep: cases not yet started are cancelled, running ones' sessions are terminated. */
    public void cancel() {
        cancelled = true;
        for (String name : active) {
            try {
                client.destroy(name, false);
            } catch (RuntimeException ignored) {
                // it ended by itself meanwhile
            }
        }
    }

    private CaseResult runCase(SweepRequest request, SweepCase c, Consumer<SweepEvent> events) {
        String name = request.sessionName(c);
        Instant started = Instant.now();
        if (cancelled) {
            return finish(c, new CaseResult(c, name, CaseResult.CANCELLED, null, Duration.ZERO, null), events);
        }
        active.add(name);
        String sessionId = null;
        CaseResult result;
        try {
            JsonNode reply = client.createSession(request.base().forCase(name, c.environ()).toRequest(config));
            sessionId = reply.path("sessionId").asText(null);
            result = run(request, c, name, reply, events, started);
        } catch (BackendException | UncheckedIOException e) {
            result = failed(c, name, started, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = failed(c, name, started, "interrupted");
        } finally {
            active.remove(name);
            if (request.remove() && sessionId != null) {
                destroyQuietly(sessionId);
            }
        }
        return finish(c, result, events);
    }

    private CaseResult run(SweepRequest request, SweepCase c, String name, JsonNode reply,
                           Consumer<SweepEvent> events, Instant started) throws InterruptedException {
        String status = reply.path("status").asText();
        String id = reply.path("sessionId").asText();
        switch (status) {
            case "RUNNING" -> { }
            case "PENDING", "SCHEDULED", "TIMEOUT" -> {
                return new CaseResult(c, name, CaseResult.QUEUED, null, Duration.between(started, Instant.now()),
                        "the session is still queued (" + status + ")");
            }
            default -> {
                return failed(c, name, started, "the session did not start: " + status
                        + (reply.hasNonNull("statusInfo") ? " (" + reply.get("statusInfo").asText() + ")" : ""));
            }
        }
        events.accept(new SweepEvent.Started(c, name, id));
        if (!request.uploads().isEmpty()) {
            client.upload(id, request.uploads());
        }
        ExecutionResult r = new CodeRunner(client).run(id, request.execution(c), new CaseConsole(c, events));
        int exit = r.exitCode() == null ? -1 : r.exitCode();
        return new CaseResult(c, name, exit == 0 ? CaseResult.SUCCESS : CaseResult.FAILED, exit,
                Duration.between(started, Instant.now()), null);
    }

    private CaseResult failed(SweepCase c, String name, Instant started, String why) {
        return new CaseResult(c, name, cancelled ? CaseResult.CANCELLED : CaseResult.ERROR, null,
                Duration.between(started, Instant.now()), why);
    }

    private static CaseResult finish(SweepCase c, CaseResult result, Consumer<SweepEvent> events) {
        events.accept(new SweepEvent.Finished(c, result));
        return result;
    }

    private void destroyQuietly(String sessionId) {
        try {
            client.destroy(sessionId, false);
        } catch (RuntimeException ignored) {
            // already gone
        }
    }

    /** Turns a case's console into output events; a sweep has no terminal to answer input from. */
    private record CaseConsole(SweepCase c, Consumer<SweepEvent> events) implements CodeRunner.Console {
        @Override
        public void stdout(String text) {
            events.accept(new SweepEvent.Output(c, false, text));
        }

        @Override
        public void stderr(String text) {
            events.accept(new SweepEvent.Output(c, true, text));
        }

        @Override
        public void record(String type, Object data) {
            events.accept(new SweepEvent.Output(c, false, "[" + type + "] " + data + "\n"));
        }

        @Override
        public void status(String line) {
            events.accept(new SweepEvent.Output(c, true, line + "\n"));
        }

        @Override
        public String readLine(boolean password) {
            return null;
        }
    }
}
