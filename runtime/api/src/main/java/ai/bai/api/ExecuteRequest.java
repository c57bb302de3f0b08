package ai.bai.api;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;

/**
 * Body of {@code POST /session/{ref}} and the first frame of the streaming execute WebSocket. Servers differ on
 * the run id's spelling (24.09 reads {@code runId}, 25.x+ {@code run_id}), so {@link #toWire} writes both.
 */
public record ExecuteRequest(String mode, String code,
                             @JsonAlias("run_id") String runId,
                             Map<String, Object> options) {
    public static final String QUERY = "query";
    public static final String BATCH = "batch";
    public static final String CONTINUE = "continue";
    public static final String INPUT = "input";

    public ExecuteRequest {
        code = code == null ? "" : code;
        options = options == null ? Map.of() : options;
    }

    /** The body as sent: the run id under both spellings, present even when null (24.09 requires the key). */
    public Map<String, Object> toWire() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("mode", mode);
        m.put("code", code);
        m.put("runId", runId);
        m.put("run_id", runId);
        m.put("options", options);
        return m;
    }

    public static ExecuteRequest query(String code) {
        return new ExecuteRequest(QUERY, code, null, Map.of());
    }

    public static ExecuteRequest batch(BatchOptions options) {
        return new ExecuteRequest(BATCH, "", null, options.toMap());
    }

    @JsonIgnore
    public BatchOptions batchOptions() {
        return BatchOptions.fromMap(options);
    }
}
