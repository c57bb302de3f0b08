package ai.bai.manager.store;

import ai.bai.api.Json;
import ai.bai.api.SessionStatus;
import ai.bai.manager.session.Allocation;
import ai.bai.manager.session.SessionRecord;
import ai.bai.manager.session.SessionRecord.KernelPlacement;
import ai.bai.manager.session.SessionRecord.State;
import ai.bai.manager.session.SessionSpec;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** How a session maps to a row of the sessions table, both ways. */
final class SessionRows {
    /** Every column but seq, in binding order; id and name come first. */
    static final List<String> COLUMNS = List.of("id", "name", "access_key", "image", "runtime", "type", "domain_name",
            "group_name", "tag", "status", "status_info", "status_changed", "status_history", "created_at",
            "terminated_at", "result", "exit_code", "resources", "environ", "request", "uid", "pid", "workdir",
            "num_queries", "priority", "starts_at", "startup_command", "batch_timeout", "status_data", "cores",
            "resource_opts");
    static final String SELECT = "SELECT seq, " + String.join(", ", COLUMNS) + " FROM sessions";

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };

    private SessionRows() {
    }

    /** Binds every column, starting at index {@code first}; returns the next free index. */
    static int bind(PreparedStatement ps, SessionRecord s, int first) throws SQLException {
        SessionSpec spec = s.spec();
        State st = s.state();
        KernelPlacement k = st.kernel();
        Object[] values = {s.id(), s.name(), s.accessKey(), spec.image(), spec.runtime(), spec.type(),
            spec.domainName(), spec.groupName(), spec.tag(), st.status().name(), st.statusInfo(),
            st.statusChanged().toString(), Json.write(text(st.history())), st.createdAt().toString(),
            text(st.terminatedAt()), st.result(), st.exitCode(), Json.write(spec.resources()),
            Json.write(spec.environ()), spec.requestJson(), k == null ? null : k.uid(), k == null ? null : k.pid(),
            k == null ? null : k.directory(), st.numQueries(), spec.priority(), text(spec.startsAt()),
            spec.startupCommand(), spec.batchTimeout(), st.statusData(), Json.write(st.allocation()),
            Json.write(spec.resourceOpts())};
        int i = first;
        for (Object v : values) {
            if (v == null) {
                ps.setNull(i++, Types.NULL);
            } else {
                ps.setObject(i++, v);
            }
        }
        return i;
    }

    static SessionRecord read(ResultSet rs) throws SQLException {
        Map<String, Instant> history = new LinkedHashMap<>();
        Json.read(rs.getString("status_history"), LinkedHashMap.class)
                .forEach((k, v) -> history.put((String) k, Instant.parse((String) v)));
        String dir = rs.getString("workdir");
        KernelPlacement kernel = dir == null ? null
                : new KernelPlacement(rs.getInt("uid"), rs.getLong("pid"), dir);
        SessionSpec spec = new SessionSpec(rs.getString("image"), rs.getString("runtime"), rs.getString("type"),
                rs.getString("domain_name"), rs.getString("group_name"), rs.getString("tag"),
                stringMap(rs.getString("resources")), stringMap(rs.getString("resource_opts")),
                stringMap(rs.getString("environ")), rs.getInt("priority"), instant(rs.getString("starts_at")),
                rs.getString("startup_command"), nullableInt(rs, "batch_timeout"), rs.getString("request"));
        State state = new State(SessionStatus.valueOf(rs.getString("status")), rs.getString("status_info"),
                rs.getString("status_data"), Instant.parse(rs.getString("status_changed")), history,
                Instant.parse(rs.getString("created_at")), instant(rs.getString("terminated_at")),
                rs.getString("result"), nullableInt(rs, "exit_code"), kernel,
                allocation(rs.getString("cores")), rs.getInt("num_queries"));
        return new SessionRecord(rs.getLong("seq"), rs.getString("id"), rs.getString("name"),
                rs.getString("access_key"), spec, state);
    }

    private static Allocation allocation(String json) {
        return json == null ? Allocation.NONE : Json.read(json, Allocation.class);
    }

    private static Map<String, String> stringMap(String json) {
        return Json.mapper().convertValue(Json.tree(json), STRING_MAP);
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    private static Map<String, String> text(Map<String, Instant> history) {
        return history.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().toString(),
                (a, b) -> b, LinkedHashMap::new));
    }
}
