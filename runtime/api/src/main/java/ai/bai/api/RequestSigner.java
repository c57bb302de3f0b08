package ai.bai.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC request signing as the Backend.AI manager verifies it; the one place both client and server sign. */
public final class RequestSigner {
    public static final String DEFAULT_METHOD = "HMAC-SHA256";
    private static final DateTimeFormatter KEY_DATE = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);

    private RequestSigner() {
    }

    /** Hex signature of {@code input} with the default HMAC-SHA256. */
    public static String sign(SigningInput input, String secretKey) {
        return sign(input, secretKey, DEFAULT_METHOD);
    }

    /**
     * Hex signature: k1 = HMAC(secret, yyyyMMdd of the Date header in its own offset), k2 = HMAC(k1, host),
     * signature = HMAC(k2, string to sign).
     *
     * @param signMethod {@code HMAC-SHA256}, {@code HMAC-SHA1}, ... as named in the Authorization header
     */
    public static String sign(SigningInput input, String secretKey, String signMethod) {
        String algorithm = macAlgorithm(signMethod);
        OffsetDateTime when = SignatureDate.parse(input.date());
        byte[] k1 = hmac(algorithm, secretKey.getBytes(StandardCharsets.UTF_8), KEY_DATE.format(when));
        byte[] k2 = hmac(algorithm, k1, input.host());
        return HexFormat.of().formatHex(hmac(algorithm, k2, input.stringToSign()));
    }

    public static String authorization(String accessKey, String signature) {
        return "BackendAI signMethod=" + DEFAULT_METHOD + ", credential=" + accessKey + ":" + signature;
    }

    /** Maps {@code HMAC-SHA256} to the JCA name {@code HmacSHA256}; rejects anything that is not an HMAC. */
    static String macAlgorithm(String signMethod) {
        String upper = signMethod.trim().toUpperCase(Locale.ROOT);
        if (!upper.startsWith("HMAC-")) {
            throw new IllegalArgumentException("unsupported signMethod '" + signMethod + "' (expected HMAC-SHA256)");
        }
        String algorithm = "Hmac" + upper.substring(5).replace("-", "");
        try {
            Mac.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unsupported signMethod '" + signMethod + "' (expected HMAC-SHA256)");
        }
        return algorithm;
    }

    private static byte[] hmac(String algorithm, byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC " + algorithm + " unavailable", e);
        }
    }
}
