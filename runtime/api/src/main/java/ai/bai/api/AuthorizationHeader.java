package ai.bai.api;

import java.util.Locale;

/** {@code BackendAI signMethod=HMAC-SHA256, credential=<access key>:<hex signature>} taken apart. */
public record AuthorizationHeader(String signMethod, String accessKey, String signature) {

    public static AuthorizationHeader parse(String header) {
        if (header == null || header.isBlank()) {
            throw new IllegalArgumentException("missing Authorization header");
        }
        String h = header.trim();
        int space = h.indexOf(' ');
        String scheme = space < 0 ? h : h.substring(0, space);
        String lower = scheme.toLowerCase(Locale.ROOT);
        if (space < 0 || !(lower.equals("backendai") || lower.equals("sorna"))) {
            throw new IllegalArgumentException("malformed Authorization header (expected 'BackendAI signMethod=HMAC-SHA256, "
                    + "credential=<access key>:<signature>')");
        }
        String method = null;
        String credential = null;
        for (String part : h.substring(space + 1).split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (key.equals("signMethod")) {
                method = value;
            } else if (key.equals("credential")) {
                credential = value;
            }
        }
        int colon = credential == null ? -1 : credential.indexOf(':');
        if (method == null || colon <= 0) {
            throw new IllegalArgumentException("malformed Authorization header: needs signMethod and credential=<access key>:<signature>");
        }
        return new AuthorizationHeader(method, credential.substring(0, colon), credential.substring(colon + 1));
    }
}
