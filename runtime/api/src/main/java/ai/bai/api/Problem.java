package ai.bai.api;

/**
 * An {@code application/problem+json} error body. {@code type} is
 * {@code https://api.backend.ai/probs/<slug>}; clients match on the slug, never on the title.
 */
public record Problem(String type, String title, String msg, Object data) {
    public static final String PREFIX = "https://api.backend.ai/probs/";
    public static final String MEDIA_TYPE = "application/problem+json";

    public static final String INVALID_API_PARAMS = "invalid-api-params";
    public static final String GENERIC_BAD_REQUEST = "generic-bad-request";
    public static final String AUTH_FAILED = "auth-failed";
    public static final String INVALID_AUTH_PARAMS = "invalid-auth-params";
    public static final String NOT_FOUND = "object-not-found";
    public static final String TOO_MANY_MATCHED = "too-many-sessions-matched";
    public static final String SESSION_ALREADY_EXISTS = "session-already-exists";
    public static final String KERNEL_CREATION_FAILED = "kernel-creation-failed";
    public static final String KERNEL_EXECUTION_FAILED = "kernel-execution-failed";
    public static final String INVALID_STREAM_MODE = "invalid-stream-mode";
    public static final String INTERNAL = "internal-server-error";
    public static final String GENERIC_FORBIDDEN = "generic-forbidden";

    public static Problem of(String slug, String title, String msg) {
        return new Problem(PREFIX + slug, title, msg, null);
    }

    public String slug() {
        return type != null && type.startsWith(PREFIX) ? type.substring(PREFIX.length()) : type;
    }
}
