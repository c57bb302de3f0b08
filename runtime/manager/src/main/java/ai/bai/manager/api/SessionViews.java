package ai.bai.manager.api;

import ai.bai.api.BinarySize;
import ai.bai.api.ServicePort;
import ai.bai.api.SessionInfo;
import ai.bai.manager.session.SessionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns stored sessions into the shapes the API answers with. */
final class SessionViews {
    private SessionViews() {
    }

    static SessionInfo info(SessionRecord s, String enforcement, Instant now) {
        Map<String, Object> slots = slots(s.resources());
        boolean occupying = s.kernel() != null && !s.status().isTerminal();
        Map<String, String> history = new LinkedHashMap<>();
        s.statusHistory().forEach((k, v) -> history.put(k, v.toString()));
        long age = Duration.between(s.createdAt(), s.terminatedAt() == null ? now : s.terminatedAt()).toMillis();
        return new SessionInfo(s.id(), s.name(), s.type(), age, s.domainName(), s.groupName(), s.accessKey(),
                s.runtime(), s.image(), "x86_64", "local", s.tag(), s.kernel() == null ? null
                        : "pid:" + s.kernel().pid(), occupying ? slots : Map.of(), occupying ? slots : Map.of(),
                slots, Map.of(), s.environ(), Map.of(), s.status().name(), s.statusInfo(), null,
                s.createdAt().toString(), s.terminatedAt() == null ? null : s.terminatedAt().toString(),
                s.numQueries(), null, Map.of(), s.result(), s.exitCode(), history, enforcement);
    }

    /** Slot values as the API shows them: counts as decimals, bytes as numbers. */
    static Map<String, Object> slots(Map<String, String> canonical) {
        Map<String, Object> out = new LinkedHashMap<>();
        canonical.forEach((k, v) -> out.put(k, v));
        return out;
    }

    /** A short human form of the slots, e.g. {@code cpu=1 mem=256m}. */
    static String describeSlots(Map<String, String> canonical) {
        StringBuilder sb = new StringBuilder();
        canonical.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : " ").append(k).append('=')
                .append(k.equals("mem") ? BinarySize.format(Long.parseLong(v)) : v));
        return sb.toString();
    }

    static List<ServicePort> servicePorts(SessionRecord s) {
        return List.of();
    }
}
