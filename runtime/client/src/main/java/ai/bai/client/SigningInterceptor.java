package ai.bai.client;

import ai.bai.api.RequestSigner;
import ai.bai.api.SignatureDate;
import ai.bai.api.SigningInput;
import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Signs every request (REST, SSE and WebSocket handshakes alike) over exactly what goes on the wire: the encoded
 * path and query, the Host header OkHttp will send, and the normalised content type.
 */
final class SigningInterceptor implements Interceptor {
    private final Endpoint endpoint;
    private final Supplier<String> version;
    private final Clock clock;

    SigningInterceptor(Endpoint endpoint, Supplier<String> version, Clock clock) {
        this.endpoint = endpoint;
        this.version = version;
        this.clock = clock;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (request.header("Authorization") != null || "true".equals(request.header("X-Bai-Anonymous"))) {
            return chain.proceed(request.newBuilder().removeHeader("X-Bai-Anonymous").build());
        }
        HttpUrl url = request.url();
        String target = url.encodedPath() + (url.encodedQuery() == null ? "" : "?" + url.encodedQuery());
        MediaType type = request.body() == null ? null : request.body().contentType();
        String contentType = request.header("Content-Type") != null ? request.header("Content-Type")
                : type == null ? null : type.toString();
        String date = SignatureDate.format(OffsetDateTime.now(clock));
        String apiVersion = version.get();
        String signature = RequestSigner.sign(new SigningInput(request.method(), target, date, hostHeader(url),
                contentType, apiVersion), endpoint.secretKey());
        return chain.proceed(request.newBuilder()
                .header("Date", date)
                .header("X-BackendAI-Version", apiVersion)
                .header("Authorization", RequestSigner.authorization(endpoint.accessKey(), signature))
                .build());
    }

    /** The Host header OkHttp sends: host, plus the port unless it is the scheme's default. */
    static String hostHeader(HttpUrl url) {
        String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
        return url.port() == HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
    }
}
