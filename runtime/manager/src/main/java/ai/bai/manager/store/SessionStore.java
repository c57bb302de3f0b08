package ai.bai.manager.store;

import ai.bai.api.SessionStatus;
import ai.bai.manager.gql.QueryFilter;
import ai.bai.manager.session.SessionRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Sessions in the database: one row per session, rewritten whole on every change. */
public final class SessionStore {
    private final Database db;

    public SessionStore(Database db) {
        this.db = db;
    }

    /** Runs {@code work} in one transaction: several changes become one commit. */
    public <T> T atomically(Supplier<T> work) {
        return db.transaction(c -> work.get());
    }

    /** Inserts a new session and returns it with its sequence number. */
    public SessionRecord insert(SessionRecord s) {
        return db.transaction(c -> {
            String sql = "INSERT INTO sessions (" + String.join(", ", SessionRows.COLUMNS) + ") VALUES ("
                    + SessionRows.COLUMNS.stream().map(x -> "?").collect(Collectors.joining(",")) + ")";
            try (PreparedStatement ps = c.prepareStatement(sql, PreparedStatement.RETURN_GENERATED_KEYS)) {
                SessionRows.bind(ps, s, 1);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return s.withSeq(keys.getLong(1));
                }
            }
        });
    }

    public void update(SessionRecord s) {
        updateAll(List.of(s));
    }

    /** Rewrites several sessions in one transaction. */
    public void updateAll(Collection<SessionRecord> sessions) {
        if (sessions.isEmpty()) {
            return;
        }
        db.transaction(c -> {
            String sets = SessionRows.COLUMNS.stream().map(col -> col + "=?").collect(Collectors.joining(", "));
            try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET " + sets + " WHERE id=?")) {
                for (SessionRecord s : sessions) {
                    int next = SessionRows.bind(ps, s, 1);
                    ps.setString(next, s.id());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    public Optional<SessionRecord> byId(String id) {
        List<SessionRecord> found = many(SessionRows.SELECT + " WHERE id=?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Sessions of this owner whose name is {@code ref} or whose id starts with it, newest first. */
    public List<SessionRecord> matching(String accessKey, String ref) {
        return many(SessionRows.SELECT + " WHERE access_key=? AND (name=? OR instr(id, ?)=1) ORDER BY seq DESC",
                accessKey, ref, ref);
    }

    public List<SessionRecord> withStatus(Collection<SessionStatus> statuses) {
        String marks = statuses.stream().map(x -> "?").collect(Collectors.joining(","));
        return many(SessionRows.SELECT + " WHERE status IN (" + marks + ") ORDER BY seq",
                statuses.stream().map(Enum::name).toArray());
    }

    /**
     * One page of sessions (of one owner unless accessKey is null) in the given statuses that match a compiled
     * filter, in the given order (latest status change first by default).
     */
    public Page page(String accessKey, Collection<SessionStatus> statuses, QueryFilter.Sql filter, String orderBy,
                     int limit, int offset) {
        String marks = statuses.stream().map(x -> "?").collect(Collectors.joining(","));
        String where = " WHERE status IN (" + marks + ")" + (accessKey == null ? "" : " AND access_key=?")
                + " AND (" + filter.text() + ")";
        List<Object> args = new ArrayList<>(statuses.stream().map(Enum::name).toList());
        if (accessKey != null) {
            args.add(accessKey);
        }
        args.addAll(filter.params());
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
        String order = orderBy == null || orderBy.isBlank() ? "status_changed DESC, seq DESC" : orderBy + ", seq DESC";
        return new Page(many(SessionRows.SELECT + where + " ORDER BY " + order + " LIMIT ? OFFSET ?", args.toArray()),
                total);
    }

    /** A page of sessions and the number of all that matched. */
    public record Page(List<SessionRecord> items, long totalCount) {
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
                    out.add(SessionRows.read(rs));
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
}
