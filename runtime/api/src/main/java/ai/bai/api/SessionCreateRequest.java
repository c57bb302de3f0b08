package ai.bai.api;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Body of {@code POST /session}. Property names are the ones the official client sends; the aliases are the
 * other spellings servers accept. Optional fields stay null so that only keys valid for the negotiated API
 * version go on the wire.
 */
public record SessionCreateRequest(
        @JsonAlias({"session_name", "clientSessionToken"}) String name,
        @JsonAlias("lang") String image,
        @JsonAlias("arch") String architecture,
        @JsonAlias({"sessionType", "session_type"}) String type,
        @JsonAlias({"groupName", "group_name"}) String group,
        @JsonAlias({"domainName", "domain_name"}) String domain,
        @JsonAlias("cluster_size") Integer clusterSize,
        @JsonAlias("cluster_mode") String clusterMode,
        String tag,
        @JsonAlias("enqueue_only") Boolean enqueueOnly,
        @JsonAlias("max_wait_seconds") Integer maxWaitSeconds,
        @JsonAlias("reuse_if_exists") Boolean reuseIfExists,
        @JsonAlias("startup_command") String startupCommand,
        @JsonProperty("starts_at") @JsonAlias("startsAt") String startsAt,
        @JsonProperty("batch_timeout") @JsonAlias("batchTimeout") String batchTimeout,
        Integer priority,
        @JsonProperty("bootstrap_script") @JsonAlias("bootstrapScript") String bootstrapScript,
        List<String> dependencies,
        @JsonProperty("callback_url") @JsonAlias({"callbackUrl", "callbackURL"}) String callbackUrl,
        @JsonProperty("owner_access_key") String ownerAccessKey,
        CreationConfig config) {

    public static final String INTERACTIVE = "interactive";
    public static final String BATCH = "batch";

    public CreationConfig configOrEmpty() {
        return config == null ? CreationConfig.of(null, null) : config;
    }

    public String typeOrDefault() {
        return type == null ? INTERACTIVE : type;
    }

    public boolean reuse() {
        return reuseIfExists == null || reuseIfExists;
    }

    /** A copy that keeps only the keys the given API version defines. */
    public SessionCreateRequest forVersion(ApiVersion version) {
        boolean v8 = version.atLeast(ApiVersion.V8_20240915);
        return new SessionCreateRequest(name, image, architecture, type, group, domain, clusterSize, clusterMode, tag,
                enqueueOnly, maxWaitSeconds, reuseIfExists, startupCommand, startsAt, v8 ? batchTimeout : null,
                v8 ? priority : null, bootstrapScript, dependencies, callbackUrl, ownerAccessKey, config);
    }
}
