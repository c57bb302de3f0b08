package ai.bai.manager.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** Keypairs that may sign requests to this manager. */
public final class KeypairStore {
    private final Database db;

    public KeypairStore(Database db) {
        this.db = db;
    }

    /** A stored keypair; the user id is what sessions record as their owner. */
    public record Keypair(String accessKey, String secretKey, String userId, boolean admin) {
    }

    public Optional<Keypair> find(String accessKey) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT access_key, secret_key, user_id, is_admin FROM keypairs WHERE access_key=?")) {
                ps.setString(1, accessKey);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Keypair(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getInt(4) != 0)) : Optional.empty();
                }
            }
        });
    }

    public Optional<Keypair> first() {
        return db.transaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT access_key, secret_key, user_id, is_admin FROM keypairs ORDER BY created_at LIMIT 1")) {
                return rs.next() ? Optional.of(new Keypair(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getInt(4) != 0)) : Optional.empty();
            }
        });
    }

    public void insert(Keypair k) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO keypairs (access_key, secret_key, user_id, "
                    + "is_admin, created_at) VALUES (?,?,?,?,?)")) {
                ps.setString(1, k.accessKey());
                ps.setString(2, k.secretKey());
                ps.setString(3, k.userId());
                ps.setInt(4, k.admin() ? 1 : 0);
                ps.setString(5, Instant.now().toString());
                ps.executeUpdate();
            }
            return null;
        });
    }
}
