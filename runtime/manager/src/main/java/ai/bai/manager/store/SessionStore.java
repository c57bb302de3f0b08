package ai.bai.manager.store;

import ai.bai.api.Json;
import ai.bai.api.SessionStatus;
import ai.bai.manager.session.SessionRecord;
import ai.bai.manager.session.SessionRecord.KernelPlacement;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Sessions in the database: one row per session, rewritten whole on every change. */
public final class SessionStore {
    private static final String COLUMNS = "seq, id, name, access_key, image, runtime, type, domain_name, group_name, "
            + "tag, status, status_info, status_changed, status_history, created_at, terminated_at, result, exit_code, "
            + "resources, environ, request, uid, pid, workdir, num_queries";
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };

    private final Database db;

    public SessionStore(Database db) {
        this.db = db;
    }

    /** Inserts a new session and returns it with its sequence number. */
    public SessionRecord insert(SessionRecord s) {
        return db.transaction(c -> {
            String sql = "INSERT INTO sessions (" + COLUMNS.substring("seq, ".length()) + ") VALUES ("
                    + "?,".repeat(24).substring(0, 47) + ")";
            try (PreparedStatement ps = c.prepareStatement(sql, PreparedStatement.RETURN_GENERATED_KEYS)) {
                bind(ps, s, 1);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return s.withSeq(keys.getLong(1));
                }
            }
        });
    }

    public void update(SessionRecord s) {
        db.transaction(c -> {
            String sets = java.util.Arrays.stream(COLUMNS.substring("seq, id, ".length()).split(", "))
                    .map(col -> col + "=?").collect(Collectors.joining(", "));
            try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET " + sets + " WHERE id=?")) {
                ps.setString(1, s.name());
                int next = bindFrom(ps, s, 2);
                ps.setString(next, s.id());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Optional<SessionRecord> byId(String id) {
        return one("SELECT " + COLUMNS + " FROM sessions WHERE id=?", id);
    }

    /** Sessions of this owner whose id starts with {@code ref} or whose name is {@code ref}, newest first. */
    public List<SessionRecord> matching(String accessKey, String ref) {
        return many("SELECT " + COLUMNS + " FROM sessions WHERE access_key=? AND (name=? OR instr(id, ?)=1) "
                + "ORDER BY seq DESC", accessKey, ref, ref);
    }

    public List<SessionRecord> withStatus(Collection<SessionStatus> statuses) {
        String marks = statuses.stream().map(x -> "?").collect(Collectors.joining(","));
        return many("SELECT " + COLUMNS + " FROM sessions WHERE status IN (" + marks + ") ORDER BY seq",
                statuses.stream().map(Enum::name).toArray());
    }

    /** One page of an owner's sessions (all owners when accessKey is null), latest status change first. */
    public Page page(String accessKey, Collection<SessionStatus> statuses, int limit, int offset) {
        String marks = statuses.stream().map(x -> "?").collect(Collectors.joining(","));
        String where = " WHERE status IN (" + marks + ")" + (accessKey == null ? "" : " AND access_key=?");
        List<Object> args = new ArrayList<>(statuses.stream().map(Enum::name).toList());
        if (accessKey != null) {
            args.add(accessKey);
        }
        long total = db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM sessions" + where)) {
                setAll(ps, args.toArray());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        args.add(limit);
        args.add(offset);
        List<SessionRecord> items = many("SELECT " + COLUMNS + " FROM sessions" + where
                + " ORDER BY status_changed DESC, seq DESC LIMIT ? OFFSET ?", args.toArray());
        return new Page(items, total);
    }

    /** A page of sessions and the number of all that matched. */
    public record Page(List<SessionRecord> items, long totalCount) {
    }

    private Optional<SessionRecord> one(String sql, Object... args) {
        List<SessionRecord> all = many(sql, args);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    private List<SessionRecord> many(String sql, Object... args) {
        return db.transaction(c -> query(c, sql, args));
    }

    private static List<SessionRecord> query(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            setAll(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<SessionRecord> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(read(rs));
                }
                return out;
            }
        }
    }

    private static void setAll(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    private static void bind(PreparedStatement ps, SessionRecord s, int first) throws SQLException {
        ps.setString(first, s.id());
        ps.setString(first + 1, s.name());
        bindFrom(ps, s, first + 2);
    }

    /** Binds the columns after id and name; returns the next free index. */
    private static int bindFrom(PreparedStatement ps, SessionRecord s, int i) throws SQLException {
        ps.setString(i++, s.accessKey());
        ps.setString(i++, s.image());
        ps.setString(i++, s.runtime());
        ps.setString(i++, s.type());
        ps.setString(i++, s.domainName());
        ps.setString(i++, s.groupName());
        ps.setString(i++, s.tag());
        ps.setString(i++, s.status().name());
        ps.setString(i++, s.statusInfo());
        ps.setString(i++, s.statusChanged().toString());
        ps.setString(i++, Json.write(s.statusHistory().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().toString(), (a, b) -> b,
                        LinkedHashMap::new))));
        ps.setString(i++, s.createdAt().toString());
        ps.setString(i++, s.terminatedAt() == null ? null : s.terminatedAt().toString());
        ps.setString(i++, s.result());
        setNullableInt(ps, i++, s.exitCode());
        ps.setString(i++, Json.write(s.resources()));
        ps.setString(i++, Json.write(s.environ()));
        ps.setString(i++, s.requestJson());
        KernelPlacement k = s.kernel();
        setNullableInt(ps, i++, k == null ? null : k.uid());
        if (k == null) {
            ps.setNull(i++, Types.INTEGER);
        } else {
            ps.setLong(i++, k.pid());
        }
        ps.setString(i++, k == null ? null : k.directory());
        ps.setInt(i++, s.numQueries());
        return i;
    }

    private static void setNullableInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    private static SessionRecord read(ResultSet rs) throws SQLException {
        Map<String, Instant> history = new LinkedHashMap<>();
        Json.read(rs.getString("status_history"), LinkedHashMap.class)
                .forEach((k, v) -> history.put((String) k, Instant.parse((String) v)));
        String terminated = rs.getString("terminated_at");
        int exit = rs.getInt("exit_code");
        Integer exitCode = rs.wasNull() ? null : exit;
        String dir = rs.getString("workdir");
        KernelPlacement kernel = dir == null ? null
                : new KernelPlacement(rs.getInt("uid"), rs.getLong("pid"), dir);
        return new SessionRecord(rs.getLong("seq"), rs.getString("id"), rs.getString("name"),
                rs.getString("access_key"), rs.getString("image"), rs.getString("runtime"), rs.getString("type"),
                rs.getString("domain_name"), rs.getString("group_name"), rs.getString("tag"),
                SessionStatus.valueOf(rs.getString("status")), rs.getString("status_info"),
                Instant.parse(rs.getString("status_changed")), history, Instant.parse(rs.getString("created_at")),
                terminated == null ? null : Instant.parse(terminated), rs.getString("result"), exitCode,
                Json.mapper().convertValue(Json.tree(rs.getString("resources")), STRING_MAP),
                Json.mapper().convertValue(Json.tree(rs.getString("environ")), STRING_MAP),
                rs.getString("request"), kernel, rs.getInt("num_queries"));
    }
}
