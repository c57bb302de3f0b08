package ai.bai.manager.api;

import ai.bai.api.ExecuteRequest;
import ai.bai.api.Json;
import ai.bai.api.SessionCreateRequest;
import ai.bai.api.SessionCreateResponse;
import ai.bai.manager.ApiProblem;
import ai.bai.manager.session.ExecutionService;
import ai.bai.manager.session.Lifecycle;
import ai.bai.manager.session.SessionFiles;
import ai.bai.manager.session.SessionRecord;
import ai.bai.manager.session.SessionService;
import ai.bai.manager.session.SessionService.CreateOutcome;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /session}: create, info, terminate, execute (polling), logs and upload. */
public final class SessionRoutes implements Routes {
    private final SessionService sessions;
    private final ExecutionService executions;
    private final SessionFiles files;
    private final SessionViews views;
    private final TaskLogs taskLogs;

    public SessionRoutes(SessionService sessions, ExecutionService executions, SessionFiles files, SessionViews views,
                         Lifecycle lifecycle) {
        this.sessions = sessions;
        this.executions = executions;
        this.files = files;
        this.views = views;
        this.taskLogs = new TaskLogs(sessions, files, lifecycle);
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/session", this::create);
        routes.post("/session/_/create", this::create);
        routes.get("/session/_/logs", taskLogs::stream);
        routes.head("/session/_/logs", taskLogs::head);
        routes.get("/session/{ref}", ctx -> ctx.json(views.info(session(ctx))));
        routes.delete("/session/{ref}", this::destroy);
        routes.patch("/session/{ref}", ctx -> {
            sessions.restart(ctx.pathParam("ref"), owner(ctx));
            ctx.status(204);
        });
        routes.post("/session/{ref}", this::execute);
        routes.get("/session/{ref}/status-history", ctx -> {
            Map<String, String> history = new LinkedHashMap<>();
            session(ctx).state().history().forEach((status, at) -> history.put(
                    status.toLowerCase(java.util.Locale.ROOT), at.toString()));
            ctx.json(Map.of("result", history));
        });
        routes.get("/session/{ref}/logs", ctx -> ctx.json(Map.of("result",
                Map.of("logs", files.logs(session(ctx))))));
        routes.post("/session/{ref}/upload", ctx -> {
            files.upload(session(ctx), ctx.uploadedFiles("src").stream()
                    .map(f -> new SessionFiles.Upload(f.filename(), f::content)).toList());
            ctx.status(204);
        });
    }

    private void create(Context ctx) {
        SessionCreateRequest request = body(ctx, SessionCreateRequest.class);
        Auth.Caller caller = ApiServer.caller(ctx);
        if (request.ownerAccessKey() != null && !request.ownerAccessKey().equals(caller.keypair().accessKey())
                && !caller.keypair().admin()) {
            throw new ApiProblem(403, "insufficient-privilege", "Insufficient privilege.",
                    "only admins may create sessions for another access key", null);
        }
        CreateOutcome outcome = sessions.create(request, caller.keypair());
        SessionRecord s = outcome.session();
        String status = outcome.timedOut() ? SessionCreateResponse.TIMEOUT : s.status().name();
        var response = new SessionCreateResponse(s.id(), s.name(), status, SessionViews.servicePorts(s),
                outcome.created(), outcome.created() ? null : SessionViews.servicePorts(s));
        Map<String, Object> body = Json.mapper().convertValue(response, LinkedHashMap.class);
        if (outcome.notice() != null) {
            body.put("x-bai-notice", outcome.notice());  // an extension key: other clients ignore it
        }
        if (s.statusInfo() != null && s.status().isTerminal()) {
            body.put("statusInfo", s.statusInfo());
        }
        ctx.status(outcome.created() ? 201 : 200).json(body);
    }

    private void destroy(Context ctx) {
        boolean forced = Boolean.parseBoolean(ctx.queryParam("forced"));
        SessionRecord s = sessions.destroy(ctx.pathParam("ref"), owner(ctx), forced);
        ctx.json(Map.of("stats", Map.of("status", s.status().name().toLowerCase(java.util.Locale.ROOT))));
    }

    private void execute(Context ctx) throws InterruptedException {
        ExecuteRequest request = body(ctx, ExecuteRequest.class);
        ctx.json(Map.of("result", executions.poll(session(ctx), request)));
    }

    private SessionRecord session(Context ctx) {
        return sessions.resolve(ctx.pathParam("ref"), owner(ctx));
    }

    /** The access key whose sessions the request may name: the caller's, or {@code owner_access_key} for admins. */
    static String owner(Context ctx) {
        Auth.Caller caller = ApiServer.caller(ctx);
        String other = ctx.queryParam("owner_access_key");
        if (other != null && !other.isBlank() && !other.equals(caller.keypair().accessKey())) {
            if (!caller.keypair().admin()) {
                throw new ApiProblem(403, "insufficient-privilege", "Insufficient privilege.",
                        "only admins may act on another access key's sessions", null);
            }
            return other;
        }
        return caller.keypair().accessKey();
    }

    static <T> T body(Context ctx, Class<T> type) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            throw ApiProblem.badRequest("missing JSON body");
        }
        return Json.read(bytes, type);
    }
}
