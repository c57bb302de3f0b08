package ai.bai.api;

import java.util.Locale;

/**
 * The parts of a request that a Backend.AI signature covers. The body is never hashed (API >= v4.20181215
 * signs the hash of empty bytes), so the same signature works for JSON, multipart, SSE and WebSocket requests.
 *
 * @param target the raw request target exactly as sent: path plus '?' and query when there is one
 */
public record SigningInput(String method, String target, String date, String host, String contentType,
                           String apiVersion) {
    static final String EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public SigningInput {
        method = method.toUpperCase(Locale.ROOT);
        contentType = normalizeContentType(contentType);
    }

    /** The media type a server compares: lowercase, parameters dropped, octet-stream when absent. */
    public static String normalizeContentType(String header) {
        if (header == null || header.isBlank()) {
            return "application/octet-stream";
        }
        int semi = header.indexOf(';');
        return (semi < 0 ? header : header.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    public String stringToSign() {
        return String.join("\n", method, target, date, "host:" + host, "content-type:" + contentType,
                "x-backendai-version:" + apiVersion, EMPTY_BODY_SHA256);
    }
}
