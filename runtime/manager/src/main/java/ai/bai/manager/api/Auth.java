package ai.bai.manager.api;

import ai.bai.api.ApiVersion;
import ai.bai.api.AuthorizationHeader;
import ai.bai.api.Problem;
import ai.bai.api.RequestSigner;
import ai.bai.api.SignatureDate;
import ai.bai.api.SigningInput;
import ai.bai.manager.ApiProblem;
import ai.bai.manager.store.KeypairStore;
import ai.bai.manager.store.KeypairStore.Keypair;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.function.Function;

/**
 * Verifies the HMAC signature of every request, as the upstream manager does: supported API version, a Date
 * within ±15 minutes, a known access key, and a signature over method, raw target, date, host, content type
 * and version that matches in constant time.
 */
public final class Auth {
    static final Duration CLOCK_SKEW = Duration.ofMinutes(15);

    private final KeypairStore keypairs;
    private final Clock clock;

    public Auth(KeypairStore keypairs, Clock clock) {
        this.keypairs = keypairs;
        this.clock = clock;
    }

    /** The verified caller of a request. */
    public record Caller(Keypair keypair, ApiVersion version) {
    }

    /**
     * @param header  reads a request header by name (case-insensitive)
     * @param target  the raw request target: path and query exactly as received
     */
    public Caller verify(String method, String target, Function<String, String> header) {
        ApiVersion version = version(header.apply("X-BackendAI-Version"), header.apply("X-Sorna-Version"));
        String date = firstNonNull(header.apply("Date"), header.apply("X-BackendAI-Date"), header.apply("X-Sorna-Date"));
        AuthorizationHeader auth;
        OffsetDateTime when;
        try {
            auth = AuthorizationHeader.parse(header.apply("Authorization"));
            when = SignatureDate.parse(date);
        } catch (IllegalArgumentException e) {
            throw invalidParams(e.getMessage());
        }
        Duration skew = Duration.between(when.toInstant(), clock.instant()).abs();
        if (skew.compareTo(CLOCK_SKEW) > 0) {
            throw invalidParams("Date/time sync error: the request's Date is " + skew.toMinutes()
                    + " minutes off the server's clock (at most 15 are accepted)");
        }
        Keypair keypair = keypairs.find(auth.accessKey())
                .orElseThrow(() -> authFailed("Access key not found"));
        String host = header.apply("Host");
        String versionLine = header.apply("X-BackendAI-Version") != null ? header.apply("X-BackendAI-Version")
                : header.apply("X-Sorna-Version");
        SigningInput input = new SigningInput(method, target, date, host == null ? "" : host,
                header.apply("Content-Type"), versionLine);
        String expected;
        try {
            expected = RequestSigner.sign(input, keypair.secretKey(), auth.signMethod());
        } catch (IllegalArgumentException e) {
            throw invalidParams(e.getMessage());
        }
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                auth.signature().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            throw authFailed("HMAC signature mismatch");
        }
        return new Caller(keypair, version);
    }

    private static ApiVersion version(String header, String legacy) {
        String v = header != null ? header : legacy;
        if (v == null) {
            throw invalidParams("missing X-BackendAI-Version header (accepted: " + ApiVersion.SUPPORTED + ")");
        }
        try {
            ApiVersion parsed = ApiVersion.parse(v);
            if (parsed.isSupported()) {
                return parsed;
            }
        } catch (IllegalArgumentException e) {
            // answered below with the accepted list
        }
        throw new ApiProblem(400, Problem.INVALID_API_PARAMS, "Unsupported API version.",
                "API version '" + v + "' is not supported; accepted: " + ApiVersion.SUPPORTED, null);
    }

    private static ApiProblem invalidParams(String detail) {
        return new ApiProblem(400, Problem.INVALID_AUTH_PARAMS, "Missing or invalid authorization parameters.",
                detail, null);
    }

    private static ApiProblem authFailed(String detail) {
        return new ApiProblem(401, Problem.AUTH_FAILED, "Credential/signature mismatch.", detail, null);
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
