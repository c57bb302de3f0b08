package ai.bai.manager.store;

import ai.bai.api.Json;
import ai.bai.manager.session.ResourcePolicy;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Keypair resource policies and which policy each keypair follows. */
public final class PolicyStore {
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };
    private static final String SELECT = "SELECT name, max_concurrent_sessions, total_resource_slots, idle_timeout, "
            + "max_session_lifetime FROM keypair_resource_policies";

    private final Database db;

    public PolicyStore(Database db) {
        this.db = db;
    }

    public List<ResourcePolicy> all() {
        return db.transaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(SELECT + " ORDER BY name")) {
                List<ResourcePolicy> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(read(rs));
                }
                return out;
            }
        });
    }

    public Optional<ResourcePolicy> byName(String name) {
        return all().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The policy the keypair follows. */
    public ResourcePolicy forKeypair(String accessKey) {
        String name = db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT resource_policy FROM keypairs WHERE access_key=?")) {
                ps.setString(1, accessKey);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : "default";
                }
            }
        });
        return byName(name).orElseGet(() -> byName("default").orElseThrow());
    }

    public void save(ResourcePolicy p) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO keypair_resource_policies (name, "
                    + "max_concurrent_sessions, total_resource_slots, idle_timeout, max_session_lifetime, created_at) "
                    + "VALUES (?,?,?,?,?,strftime('%Y-%m-%dT%H:%M:%fZ','now')) ON CONFLICT(name) DO UPDATE SET "
                    + "max_concurrent_sessions=excluded.max_concurrent_sessions, "
                    + "total_resource_slots=excluded.total_resource_slots, idle_timeout=excluded.idle_timeout, "
                    + "max_session_lifetime=excluded.max_session_lifetime")) {
                ps.setString(1, p.name());
                ps.setInt(2, p.maxConcurrentSessions());
                ps.setString(3, Json.write(p.totalResourceSlots()));
                ps.setInt(4, p.idleTimeout());
                ps.setInt(5, p.maxSessionLifetime());
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static ResourcePolicy read(ResultSet rs) throws SQLException {
        return new ResourcePolicy(rs.getString(1), rs.getInt(2),
                Json.mapper().convertValue(Json.tree(rs.getString(3)), STRING_MAP), rs.getInt(4), rs.getInt(5));
    }
}
