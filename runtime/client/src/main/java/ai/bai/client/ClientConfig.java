package ai.bai.client;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Client settings from the official client's environment variables ({@code BACKEND_*}, legacy {@code SORNA_*}).
 *
 * @param endpoint a remote manager, or empty to use the embedded one
 */
public record ClientConfig(Optional<Endpoint> endpoint, String domain, String group, Duration connectTimeout,
                           Duration readTimeout, String vfolderMounts) {

    public static ClientConfig fromEnvironment(Map<String, String> env) {
        String url = get(env, "ENDPOINT");
        Optional<Endpoint> endpoint = Optional.empty();
        if (url != null && !url.isBlank()) {
            String ak = get(env, "ACCESS_KEY");
            String sk = get(env, "SECRET_KEY");
            if (ak == null || sk == null) {
                throw new IllegalArgumentException("BACKEND_ENDPOINT is set, so BACKEND_ACCESS_KEY and "
                        + "BACKEND_SECRET_KEY must be set too");
            }
            // a comma list is a set of equivalent endpoints; the first is used
            endpoint = Optional.of(new Endpoint(URI.create(url.split(",")[0].trim()), ak, sk));
        }
        return new ClientConfig(endpoint, orDefault(get(env, "DOMAIN"), "default"),
                orDefault(get(env, "GROUP"), "default"), seconds(get(env, "CONNECTION_TIMEOUT"), 10),
                seconds(get(env, "READ_TIMEOUT"), 0), get(env, "VFOLDER_MOUNTS"));
    }

    private static String get(Map<String, String> env, String name) {
        String v = env.get("BACKEND_" + name);
        return v != null ? v : env.get("SORNA_" + name);
    }

    private static String orDefault(String v, String fallback) {
        return v == null || v.isBlank() ? fallback : v;
    }

    private static Duration seconds(String v, long fallback) {
        if (v == null || v.isBlank()) {
            return Duration.ofSeconds(fallback);
        }
        try {
            return Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid timeout '" + v + "'; expected seconds, e.g. 10 or 2.5");
        }
    }
}
