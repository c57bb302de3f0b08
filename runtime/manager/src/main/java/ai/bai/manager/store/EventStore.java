package ai.bai.manager.store;

import ai.bai.api.LifecycleEvent;
import ai.bai.api.LifecycleEvent.KernelEvent;
import ai.bai.api.LifecycleEvent.SessionEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The append-only event log: ids only grow, so a reader resumes after the last id it saw. */
public final class EventStore {
    private final Database db;

    public EventStore(Database db) {
        this.db = db;
    }

    /** Appends the event and returns it with the id the log gave it. */
    public LifecycleEvent append(LifecycleEvent e, Instant at) {
        long id = db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO events (name, session_id, session_name, "
                    + "access_key, kernel_id, reason, exit_code, created_at) VALUES (?,?,?,?,?,?,?,?)",
                    PreparedStatement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, e.name());
                ps.setString(2, e.sessionId());
                ps.setString(3, e.sessionName());
                ps.setString(4, e.ownerAccessKey());
                ps.setString(5, e instanceof KernelEvent k ? k.kernelId() : null);
                ps.setString(6, e.reason());
                if (e.exitCode() == null) {
                    ps.setNull(7, Types.INTEGER);
                } else {
                    ps.setInt(7, e.exitCode());
                }
                ps.setString(8, at.toString());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
        return withId(e, id);
    }

    /** Events with ids in (afterId, upTo], of one session when sessionId is given, oldest first, at most limit. */
    public List<LifecycleEvent> between(long afterId, long upTo, String sessionId, int limit) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, session_id, session_name, access_key, "
                    + "kernel_id, reason, exit_code FROM events WHERE id > ? AND id <= ?"
                    + (sessionId == null ? "" : " AND session_id = ?") + " ORDER BY id LIMIT ?")) {
                ps.setLong(1, afterId);
                ps.setLong(2, upTo);
                if (sessionId != null) {
                    ps.setString(3, sessionId);
                }
                ps.setInt(sessionId == null ? 3 : 4, limit);
                List<LifecycleEvent> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int exit = rs.getInt("exit_code");
                        Integer exitCode = rs.wasNull() ? null : exit;
                        String name = rs.getString("name");
                        long id = rs.getLong("id");
                        out.add(name.startsWith("kernel_")
                                ? new KernelEvent(id, name, rs.getString("session_id"), rs.getString("session_name"),
                                        rs.getString("access_key"), rs.getString("kernel_id"), rs.getString("reason"),
                                        exitCode)
                                : new SessionEvent(id, name, rs.getString("session_id"), rs.getString("session_name"),
                                        rs.getString("access_key"), rs.getString("reason"), exitCode));
                    }
                }
                return out;
            }
        });
    }

    public long lastId() {
        return db.transaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT coalesce(max(id), 0) FROM events")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static LifecycleEvent withId(LifecycleEvent e, long id) {
        return switch (e) {
            case KernelEvent k -> new KernelEvent(id, k.name(), k.sessionId(), k.sessionName(), k.ownerAccessKey(),
                    k.kernelId(), k.reason(), k.exitCode());
            case SessionEvent s -> new SessionEvent(id, s.name(), s.sessionId(), s.sessionName(), s.ownerAccessKey(),
                    s.reason(), s.exitCode());
        };
    }
}
