package ai.bai.manager.gql;

import ai.bai.api.Json;
import ai.bai.manager.agent.ResourceUsage;
import ai.bai.manager.session.SessionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A session as a GraphQL {@code ComputeSession} object (snake_case keys, JSON strings where upstream has them). */
final class SessionRows {
    /** Fields that filter and order expressions may name, and their columns. */
    static final Map<String, String> FILTERABLE = Map.ofEntries(Map.entry("id", "id"), Map.entry("session_id", "id"),
            Map.entry("name", "name"), Map.entry("image", "image"), Map.entry("type", "upper(type)"),
            Map.entry("status", "status"), Map.entry("status_info", "status_info"), Map.entry("tag", "tag"),
            Map.entry("result", "result"), Map.entry("created_at", "created_at"),
            Map.entry("terminated_at", "terminated_at"), Map.entry("status_changed", "status_changed"),
            Map.entry("starts_at", "starts_at"), Map.entry("access_key", "access_key"),
            Map.entry("group_name", "group_name"), Map.entry("domain_name", "domain_name"),
            Map.entry("priority", "priority"));

    private SessionRows() {
    }

    static Map<String, Object> row(SessionRecord s, Optional<ResourceUsage> usage, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        var st = s.state();
        boolean occupying = s.kernel() != null && !s.status().isTerminal();
        String slots = Json.write(s.resources());
        m.put("id", s.id());
        m.put("session_id", s.id());
        m.put("main_kernel_id", s.id());
        m.put("name", s.name());
        m.put("type", s.type().toUpperCase(Locale.ROOT));
        m.put("session_type", s.type().toUpperCase(Locale.ROOT));
        m.put("image", s.image());
        m.put("architecture", "x86_64");
        m.put("tag", s.spec().tag());
        m.put("status", s.status().name());
        m.put("status_info", st.statusInfo());
        m.put("status_changed", st.statusChanged().toString());
        m.put("status_data", st.statusData() == null ? "{}" : st.statusData());
        Map<String, String> history = new LinkedHashMap<>();
        st.history().forEach((k, v) -> history.put(k, v.toString()));
        m.put("status_history", Json.write(history));
        m.put("result", st.result());
        m.put("created_at", st.createdAt().toString());
        m.put("terminated_at", st.terminatedAt() == null ? null : st.terminatedAt().toString());
        m.put("starts_at", s.spec().startsAt() == null ? null : s.spec().startsAt().toString());
        m.put("scheduled_at", st.history().containsKey("SCHEDULED") ? st.history().get("SCHEDULED").toString() : null);
        m.put("startup_command", s.spec().startupCommand());
        m.put("domain_name", s.spec().domainName());
        m.put("group_name", s.spec().groupName());
        m.put("access_key", s.accessKey());
        m.put("cluster_mode", "single-node");
        m.put("cluster_size", 1);
        m.put("priority", s.spec().priority());
        m.put("scaling_group", "default");
        m.put("agent_ids", List.of("local"));
        m.put("occupied_slots", occupying ? slots : "{}");
        m.put("occupying_slots", occupying ? slots : "{}");
        m.put("requested_slots", slots);
        m.put("resource_opts", Json.write(s.spec().resourceOpts()));
        m.put("num_queries", st.numQueries());
        usage.ifPresent(u -> stats(m, u, st.history().get("RUNNING"), now));
        m.put("containers", List.of(Map.of("id", s.id(), "idx", 0, "role", "main", "cluster_idx", 0,
                "cluster_role", "main", "status", s.status().name(), "agent", "local",
                "occupied_slots", occupying ? slots : "{}")));
        m.put("dependencies", List.of());
        m.put("idle_checks", "{}");
        return m;
    }

    /** Memory in MiB and CPU use in percent of one core, averaged since the session started running. */
    private static void stats(Map<String, Object> m, ResourceUsage u, Instant running, Instant now) {
        m.put("used_memory", Long.toString(u.memoryBytes() >> 20));
        m.put("max_used_memory", Long.toString(u.maxMemoryBytes() >> 20));
        if (running != null) {
            long wallNanos = Math.max(1, Duration.between(running, now).toNanos());
            m.put("cpu_using", String.format(Locale.ROOT, "%.1f", 100.0 * u.cpuNanos() / wallNanos));
        }
    }
}
