package ai.bai.manager.api;

import ai.bai.manager.session.Lifecycle;
import ai.bai.manager.session.SessionFiles;
import ai.bai.manager.session.SessionRecord;
import ai.bai.manager.session.SessionService;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code GET /session/_/logs?taskId=<kernel id>}: a batch session's output as plain text, followed while the
 * session lives (the stream ends once the session has ended and everything is sent).
 */
final class TaskLogs {
    private static final long POLL_MILLIS = 100;

    private final SessionService sessions;
    private final SessionFiles files;
    private final Lifecycle lifecycle;

    TaskLogs(SessionService sessions, SessionFiles files, Lifecycle lifecycle) {
        this.sessions = sessions;
        this.files = files;
        this.lifecycle = lifecycle;
    }

    void head(Context ctx) {
        task(ctx);
        ctx.contentType("text/plain; charset=utf-8").status(200);
    }

    void stream(Context ctx) throws IOException, InterruptedException {
        SessionRecord s = task(ctx);
        Path log = files.logFile(s);
        ctx.status(200);
        ctx.res().setContentType("text/plain; charset=utf-8");
        OutputStream out = ctx.res().getOutputStream();
        long sent = 0;
        byte[] buf = new byte[65536];
        while (true) {
            boolean ended = lifecycle.store().byId(s.id()).map(r -> r.status().isTerminal()).orElse(true);
            if (Files.exists(log)) {
                try (InputStream in = Files.newInputStream(log)) {
                    in.skipNBytes(sent);
                    for (int n; (n = in.read(buf)) > 0; ) {
                        out.write(buf, 0, n);
                        sent += n;
                    }
                }
                out.flush();
            }
            if (ended) {
                return;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private SessionRecord task(Context ctx) {
        String id = ctx.queryParam("taskId") != null ? ctx.queryParam("taskId") : ctx.queryParam("task_id");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("missing taskId: the kernel (session) id of a batch session");
        }
        return sessions.resolve(id, SessionRoutes.owner(ctx));
    }
}
