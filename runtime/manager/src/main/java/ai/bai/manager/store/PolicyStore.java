package ai.bai.manager.store;

import ai.bai.api.Json;
import ai.bai.manager.session.ResourcePolicy;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keypair resource policies and which policy each keypair follows. Reads come from memory: the scheduler asks
 * while it holds its lock, and must never wait for the database there (a terminating session holds the
 * database and then asks the scheduler).
 */
public final class PolicyStore {
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };
    private static final String SELECT = "SELECT name, max_concurrent_sessions, total_resource_slots, idle_timeout, "
            + "max_session_lifetime FROM keypair_resource_policies";

    private final Database db;
    private volatile Map<String, ResourcePolicy> policies;
    private final Map<String, String> keypairPolicy = new java.util.concurrent.ConcurrentHashMap<>();

    public PolicyStore(Database db) {
        this.db = db;
        this.policies = load();
        db.transaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT access_key, resource_policy FROM keypairs")) {
                while (rs.next()) {
                    keypairPolicy.put(rs.getString(1), rs.getString(2));
                }
            }
            return null;
        });
    }

    public List<ResourcePolicy> all() {
        return List.copyOf(policies.values());
    }

    private Map<String, ResourcePolicy> load() {
        return db.transaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(SELECT + " ORDER BY name")) {
                Map<String, ResourcePolicy> out = new java.util.LinkedHashMap<>();
                while (rs.next()) {
                    ResourcePolicy p = read(rs);
                    out.put(p.name(), p);
                }
                return java.util.Collections.unmodifiableMap(out);
            }
        });
    }

    public Optional<ResourcePolicy> byName(String name) {
        return Optional.ofNullable(policies.get(name));
    }

    /** The policy the keypair follows (the default one for keypairs without one). */
    public ResourcePolicy forKeypair(String accessKey) {
        ResourcePolicy p = policies.get(keypairPolicy.getOrDefault(accessKey, "default"));
        return p != null ? p : policies.get("default");
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
        policies = load();
    }

    private static ResourcePolicy read(ResultSet rs) throws SQLException {
        return new ResourcePolicy(rs.getString(1), rs.getInt(2),
                Json.mapper().convertValue(Json.tree(rs.getString(3)), STRING_MAP), rs.getInt(4), rs.getInt(5));
    }
}
