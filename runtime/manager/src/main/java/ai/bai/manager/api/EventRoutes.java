package ai.bai.manager.api;

import ai.bai.api.Json;
import ai.bai.api.LifecycleEvent;
import ai.bai.manager.session.EventLog;
import ai.bai.manager.session.SessionService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code GET /events/session}: the lifecycle event stream as text/event-stream. Each frame carries the log id,
 * so a client that reconnects with {@code Last-Event-ID} resumes where it stopped; {@code : ping} comments keep
 * idle connections alive. The stream ends only when the client goes away.
 */
public final class EventRoutes implements Routes {
    private static final Duration PING_EVERY = Duration.ofSeconds(15);

    private final EventLog events;
    private final SessionService sessions;

    public EventRoutes(EventLog events, SessionService sessions) {
        this.events = events;
        this.sessions = sessions;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/events/session", this::stream);
    }

    private void stream(Context ctx) throws IOException, InterruptedException {
        Predicate<LifecycleEvent> wanted = filter(ctx);
        String sessionId = sessionFilter(ctx);
        long cursor = startAfter(ctx);
        ctx.status(200);
        ctx.res().setContentType("text/event-stream");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        OutputStream out = ctx.res().getOutputStream();
        write(out, "retry: 5000\n\n");
        while (true) {
            EventLog.Batch batch = events.after(cursor, sessionId, PING_EVERY);
            if (batch.cursor() == cursor) {
                write(out, ": ping\n\n");
                continue;
            }
            cursor = batch.cursor();
            StringBuilder frames = new StringBuilder();
            for (LifecycleEvent e : batch.events()) {
                if (wanted.test(e)) {
                    frames.append("event: ").append(e.name()).append('\n').append("id: ").append(e.id()).append('\n')
                            .append("data: ").append(Json.write(e.payload())).append("\n\n");
                }
            }
            if (!frames.isEmpty()) {
                write(out, frames.toString());
            }
        }
    }

    /** Resume after Last-Event-ID; otherwise, for one session, replay its history; for all, start from now. */
    private long startAfter(Context ctx) {
        String last = ctx.header("Last-Event-ID");
        if (last != null && !last.isBlank()) {
            try {
                return Long.parseLong(last.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Last-Event-ID must be an event id, not '" + last + "'");
            }
        }
        return isAll(sessionName(ctx)) && ctx.queryParam("sessionId") == null ? events.lastId() : 0;
    }

    private Predicate<LifecycleEvent> filter(Context ctx) {
        String owner = SessionRoutes.owner(ctx);
        String scope = ctx.queryParam("scope") == null ? "*" : ctx.queryParam("scope");
        return e -> owner.equals(e.ownerAccessKey()) && inScope(scope, e);
    }

    /** The one session to follow (by id, else by name among the caller's), or null for all of them. */
    private String sessionFilter(Context ctx) {
        String id = ctx.queryParam("sessionId");
        String name = sessionName(ctx);
        if (id != null) {
            return sessions.resolve(id, SessionRoutes.owner(ctx)).id();
        }
        return isAll(name) ? null : sessions.resolve(name, SessionRoutes.owner(ctx)).id();
    }

    private static boolean inScope(String scope, LifecycleEvent e) {
        if (scope.equals("*")) {
            return true;
        }
        String family = e instanceof LifecycleEvent.KernelEvent ? "kernel" : "session";
        return List.of(scope.split(",")).contains(family);
    }

    private static String sessionName(Context ctx) {
        String name = ctx.queryParam("sessionName");
        return name != null ? name : ctx.queryParam("name");
    }

    private static boolean isAll(String name) {
        return name == null || name.equals("*");
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
