package ai.bai.manager.api;

import ai.bai.api.Json;
import ai.bai.api.ServicePort;
import ai.bai.api.SessionInfo;
import ai.bai.manager.agent.LocalAgent;
import ai.bai.manager.agent.ResourceUsage;
import ai.bai.manager.session.IdleMonitor;
import ai.bai.manager.session.SessionRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns stored sessions into the shapes the API answers with: session info and GraphQL rows. */
public final class SessionViews {
    private final LocalAgent agent;
    private final IdleMonitor idle;
    private final Clock clock;

    public SessionViews(LocalAgent agent, IdleMonitor idle, Clock clock) {
        this.agent = agent;
        this.idle = idle;
        this.clock = clock;
    }

    SessionInfo info(SessionRecord s) {
        Map<String, Object> slots = new LinkedHashMap<>(s.resources());
        boolean occupying = occupying(s);
        Map<String, String> history = new LinkedHashMap<>();
        s.state().history().forEach((k, v) -> history.put(k, v.toString()));
        var st = s.state();
        long age = Duration.between(st.createdAt(), st.terminatedAt() == null ? clock.instant() : st.terminatedAt())
                .toMillis();
        Map<String, Object> opts = new LinkedHashMap<>(s.spec().resourceOpts());
        return new SessionInfo(s.id(), s.name(), s.type(), age, s.spec().domainName(), s.spec().groupName(),
                s.accessKey(), s.runtime(), s.image(), "x86_64", "local", s.spec().tag(),
                s.kernel() == null ? null : "pid:" + s.kernel().pid(), occupying ? slots : Map.of(),
                occupying ? slots : Map.of(), slots, Map.of(), s.environ(), opts, s.status().name(), st.statusInfo(),
                st.statusData() == null ? null : Json.tree(st.statusData()), st.createdAt().toString(),
                st.terminatedAt() == null ? null : st.terminatedAt().toString(), st.numQueries(),
                usageOf(s).map(SessionViews::stat).orElse(null), idle.checks(s), st.result(), st.exitCode(), history,
                agent.enforcement());
    }

    /** The live resource use of a session that occupies resources. */
    public Optional<ResourceUsage> usageOf(SessionRecord s) {
        return occupying(s) ? agent.usage(s.id(), s.kernel()) : Optional.empty();
    }

    /** Whether the session holds slots now. */
    static boolean occupying(SessionRecord s) {
        return s.kernel() != null && !s.status().isTerminal();
    }

    static List<ServicePort> servicePorts(SessionRecord s) {
        return List.of();
    }

    private static Map<String, Object> stat(ResourceUsage u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mem", Map.of("current", Long.toString(u.memoryBytes()), "capacity", "0", "unit_hint", "bytes",
                "stats.max", Long.toString(u.maxMemoryBytes())));
        m.put("cpu_used", Map.of("current", Long.toString(u.cpuNanos() / 1_000_000), "unit_hint", "msec"));
        return m;
    }
}
