package ai.bai.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A lifecycle event as the SSE stream {@code GET /events/session} carries it: {@code event: <name>},
 * {@code id: <sequence>} and a JSON data line. Session and kernel events are the two families.
 */
public sealed interface LifecycleEvent permits LifecycleEvent.SessionEvent, LifecycleEvent.KernelEvent {

    /** The append-only log position; SSE's Last-Event-ID resumes after it. 0 when unknown. */
    long id();

    String name();

    String sessionId();

    String sessionName();

    String ownerAccessKey();

    String reason();

    Integer exitCode();

    /** The data line of the SSE frame, with the upstream keys. */
    default Map<String, Object> payload() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sessionId", sessionId());
        m.put("sessionName", sessionName());
        m.put("ownerAccessKey", ownerAccessKey());
        m.put("reason", reason());
        m.put("exitCode", exitCode());
        if (this instanceof KernelEvent k) {
            m.put("kernelId", k.kernelId());
            m.put("clusterRole", "main");
            m.put("clusterIdx", 0);
        }
        return m;
    }

    /** Whether this event ends the session for someone following it. */
    default boolean isTerminal() {
        return switch (name()) {
            case "session_terminated", "session_cancelled", "session_success", "session_failure", "session_error" ->
                    true;
            default -> false;
        };
    }

    /** Builds the right family from an SSE frame. */
    static LifecycleEvent from(long id, String name, Map<String, Object> data) {
        String sessionId = (String) data.get("sessionId");
        String sessionName = (String) data.get("sessionName");
        String owner = (String) data.get("ownerAccessKey");
        String reason = (String) data.get("reason");
        Integer exit = data.get("exitCode") instanceof Number n ? n.intValue() : null;
        if (name.startsWith("kernel_")) {
            return new KernelEvent(id, name, sessionId, sessionName, owner, (String) data.get("kernelId"), reason, exit);
        }
        return new SessionEvent(id, name, sessionId, sessionName, owner, reason, exit);
    }

    record SessionEvent(long id, String name, String sessionId, String sessionName, String ownerAccessKey,
                        String reason, Integer exitCode) implements LifecycleEvent {
    }

    record KernelEvent(long id, String name, String sessionId, String sessionName, String ownerAccessKey,
                       String kernelId, String reason, Integer exitCode) implements LifecycleEvent {
    }
}
