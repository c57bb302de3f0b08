package ai.bai.manager.api;

import ai.bai.api.ApiVersion;
import ai.bai.api.Json;
import ai.bai.api.Problem;
import ai.bai.manager.ApiProblem;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager's HTTP server: the Backend.AI API over HTTP, SSE and WebSockets on loopback. Every route but the
 * version probe is signature-checked before its handler runs; errors leave as problem+json.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    static final String CALLER = "bai.caller";
    /** Routes that answer anonymous requests, as upstream's do. */
    private static final List<String> ANONYMOUS = List.of("/", "/func/", "/manager/announcement");

    private final Javalin app;

    public ApiServer(Auth auth, List<Routes> routes) {
        this.app = Javalin.create(config -> {
            config.jsonMapper(new JacksonMapper());
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = 64L * 1024 * 1024;
            config.jetty.multipartConfig.maxFileSize(-1, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(-1, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
            config.routes.before(ctx -> authenticate(auth, ctx));
            config.routes.wsBeforeUpgrade(ctx -> authenticate(auth, ctx));
            config.routes.exception(ApiProblem.class, (e, ctx) -> problem(ctx, e));
            config.routes.exception(IllegalArgumentException.class,
                    (e, ctx) -> problem(ctx, ApiProblem.badRequest(e.getMessage())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
                problem(ctx, new ApiProblem(500, Problem.INTERNAL, "Internal server error.", e.toString(), null));
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null) {
                    problem(ctx, ApiProblem.notFound("Unknown API endpoint.", ctx.method() + " " + ctx.path()));
                }
            });
            config.routes.get("/", ctx -> ctx.json(Map.of("version", ApiVersion.LATEST.toString(),
                    "manager", "bai-embedded")));
            config.routes.get("/manager/announcement", ctx -> ctx.json(Map.of("enabled", false, "message", "")));
            routes.forEach(r -> r.register(config.routes));
        });
    }

    /** Starts listening; port 0 picks a free one. Returns the bound port. */
    public int start(String host, int port) {
        app.start(host, port);
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    static Auth.Caller caller(Context ctx) {
        return ctx.attribute(CALLER);
    }

    static void problem(Context ctx, ApiProblem e) {
        ctx.status(e.status());
        ctx.contentType(Problem.MEDIA_TYPE);
        ctx.result(Json.write(e.toProblem()));
    }

    private static void authenticate(Auth auth, Context ctx) {
        if (ANONYMOUS.contains(ctx.path()) && ctx.header("Authorization") == null) {
            return;
        }
        String query = ctx.queryString();
        String target = ctx.req().getRequestURI() + (query == null ? "" : "?" + query);
        ctx.attribute(CALLER, auth.verify(ctx.method().name(), target, ctx::header));
    }
}
