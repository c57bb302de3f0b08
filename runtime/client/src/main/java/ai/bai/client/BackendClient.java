package ai.bai.client;

import ai.bai.api.ApiVersion;
import ai.bai.api.ExecuteRequest;
import ai.bai.api.ExecutionResult;
import ai.bai.api.Json;
import ai.bai.api.Problem;
import ai.bai.api.SessionCreateRequest;
import ai.bai.api.SessionInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The Backend.AI API over HTTP: signed REST calls, plus factories for the execute WebSocket and the event
 * stream. Works the same against the embedded manager and a real cluster.
 */
public final class BackendClient implements AutoCloseable {
    static final MediaType JSON = MediaType.get("application/json");

    private final Endpoint endpoint;
    private final OkHttpClient http;
    private final HttpUrl base;
    private volatile ApiVersion version;

    public BackendClient(Endpoint endpoint, ClientConfig config, Clock clock) {
        this(endpoint, config, clock, null);
    }

    /** @param knownVersion the server's API version when known (e.g. the embedded manager's), skipping the probe */
    public BackendClient(Endpoint endpoint, ClientConfig config, Clock clock, ApiVersion knownVersion) {
        this.endpoint = endpoint;
        this.version = knownVersion;
        this.base = HttpUrl.get(endpoint.url().toString());
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .addInterceptor(new SigningInterceptor(endpoint, () -> version().toString(), clock));
        if (!base.isHttps()) {
            b.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));  // no TLS machinery for a loopback manager
        }
        this.http = b.build();
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    OkHttpClient http() {
        return http;
    }

    /** The API version both sides speak: the older of the server's and ours; ours if the probe fails. */
    public ApiVersion version() {
        ApiVersion v = version;
        if (v == null) {
            v = negotiate();
            version = v;
        }
        return v;
    }

    public JsonNode createSession(SessionCreateRequest request) {
        return call(post("session", request.forVersion(version())));
    }

    public SessionInfo sessionInfo(String ref) {
        return Json.convert(call(new Request.Builder().url(url("session", ref)).get().build()), SessionInfo.class);
    }

    public JsonNode destroy(String ref, boolean forced) {
        HttpUrl u = url("session", ref).newBuilder().addQueryParameter("forced", Boolean.toString(forced)).build();
        return call(new Request.Builder().url(u).delete().build());
    }

    /** Restarts the session's kernel (PATCH); /home/work is kept. */
    public void restart(String ref) {
        call(new Request.Builder().url(url("session", ref)).patch(RequestBody.create(new byte[0], JSON)).build());
    }

    /** Copies a batch session's task log to {@code out} as it grows, until the session has ended. */
    public void taskLogs(String sessionId, java.io.OutputStream out) {
        HttpUrl u = url("session", "_", "logs").newBuilder().addQueryParameter("taskId", sessionId).build();
        OkHttpClient streaming = http.newBuilder().readTimeout(java.time.Duration.ZERO).build();
        try (Response response = streaming.newCall(new Request.Builder().url(u).get().build()).execute()) {
            if (!response.isSuccessful()) {
                throw new BackendException(response.code(), problem(response.body().string(), response));
            }
            try (var in = response.body().byteStream()) {
                byte[] buf = new byte[8192];
                for (int n; (n = in.read(buf)) > 0; ) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the task log: " + e.getMessage(), e);
        }
    }

    public String logs(String ref) {
        return call(new Request.Builder().url(url("session", ref, "logs")).get().build())
                .path("result").path("logs").asText("");
    }

    /** One call of the polling execute API. */
    public ExecutionResult execute(String ref, ExecuteRequest request) {
        return Json.convert(call(post(List.of("session", ref), request.toWire())).path("result"), ExecutionResult.class);
    }

    /** Uploads files: each is written to its relative destination under the session's /home/work. */
    public void upload(String ref, List<UploadFile> files) {
        MultipartBody.Builder body = new MultipartBody.Builder().setType(MultipartBody.FORM);
        for (UploadFile f : files) {
            body.addFormDataPart("src", f.destination(), RequestBody.create(f.source().toFile(),
                    MediaType.get("application/octet-stream")));
        }
        call(new Request.Builder().url(url("session", ref, "upload")).post(body.build()).build());
    }

    /** A file to upload and where it goes, relative to /home/work. */
    public record UploadFile(Path source, String destination) {
    }

    public JsonNode graphql(String query, Map<String, Object> variables) {
        JsonNode reply = call(post("admin/gql", Map.of("query", query, "variables", variables)));
        JsonNode errors = reply.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            throw new BackendException(400, Problem.of("graphql-error", "GraphQL error",
                    errors.get(0).path("message").asText()));
        }
        return reply.path("data");
    }

    /** Opens the streaming execute WebSocket; the first frame is {@code request}. */
    public ExecutionStream openExecution(String ref, ExecuteRequest request) {
        HttpUrl u = url("stream", "session", ref, "execute");
        return ExecutionStream.open(http, new Request.Builder().url(u).build(), request);
    }

    /** Follows lifecycle events; see {@link EventStream}. */
    public EventStream events(String sessionName, String sessionId, EventStream.Listener listener) {
        HttpUrl.Builder u = url("events", "session").newBuilder()
                .addQueryParameter("sessionName", sessionName == null ? "*" : sessionName);
        if (sessionId != null) {
            u.addQueryParameter("sessionId", sessionId);
        }
        u.addQueryParameter("scope", "*");
        return EventStream.open(http, u.build(), listener);
    }

    HttpUrl url(String... segments) {
        HttpUrl.Builder b = base.newBuilder();
        for (String s : segments) {
            for (String part : s.split("/")) {
                if (!part.isEmpty()) {
                    b.addPathSegment(part);
                }
            }
        }
        return b.build();
    }

    private Request post(Object path, Object body) {
        HttpUrl u = path instanceof List<?> l ? urlOfSegments(l) : url((String) path);
        return new Request.Builder().url(u).post(RequestBody.create(Json.writeBytes(body), JSON)).build();
    }

    private HttpUrl urlOfSegments(List<?> segments) {
        HttpUrl.Builder b = base.newBuilder();
        segments.forEach(s -> b.addPathSegment(s.toString()));
        return b.build();
    }

    /** Sends a signed request; a 2xx reply's JSON body (or an empty object), otherwise a BackendException. */
    JsonNode call(Request request) {
        try (Response response = http.newCall(request).execute()) {
            String text = response.body().string();
            if (!response.isSuccessful()) {
                throw new BackendException(response.code(), problem(text, response));
            }
            return text.isBlank() ? Json.mapper().createObjectNode() : Json.tree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the manager at " + endpoint.url() + ": " + e.getMessage(), e);
        }
    }

    private static Problem problem(String text, Response response) {
        try {
            Problem p = Json.read(text, Problem.class);
            if (p.type() != null || p.title() != null) {
                return p;
            }
        } catch (IllegalArgumentException notJson) {
            // fall through to a generic problem
        }
        return Problem.of("generic-bad-request", response.message(), text.isBlank() ? null : text.trim());
    }

    private ApiVersion negotiate() {
        Request probe = new Request.Builder().url(base.newBuilder().addPathSegment("").build())
                .header("X-Bai-Anonymous", "true").get().build();
        try (Response response = http.newCall(probe).execute()) {
            if (response.isSuccessful()) {
                ApiVersion server = ApiVersion.parse(Json.tree(response.body().string()).path("version").asText());
                return server.compareTo(ApiVersion.LATEST) < 0 ? server : ApiVersion.LATEST;
            }
        } catch (IOException | IllegalArgumentException e) {
            // as upstream: fall back to our own version
        }
        return ApiVersion.LATEST;
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
