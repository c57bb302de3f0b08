package ai.bai.manager.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The manager's SQLite database. One connection in WAL mode, used under a lock: the manager is the only writer
 * and its statements are short. Migrations are numbered SQL files applied in order and recorded in
 * {@code PRAGMA user_version}, so an older store is upgraded in place on start.
 */
public final class Database implements AutoCloseable {
    /** Migration resources in order; the n-th entry brings the schema to version n. */
    static final List<String> MIGRATIONS = List.of("V1__initial.sql", "V2__scheduling.sql");

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private Database(Connection connection) {
        this.connection = connection;
    }

    public static Database open(Path file) {
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA busy_timeout=5000");
            }
            Database db = new Database(c);
            db.migrate();
            return db;
        } catch (SQLException e) {
            throw new StoreException("cannot open the store at " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} with exclusive use of the connection, inside a transaction. A transaction started inside
     * another on the same thread joins it, so callers can group several changes into one commit.
     */
    public <T> T transaction(SqlWork<T> work) {
        lock.lock();
        try {
            if (lock.getHoldCount() > 1) {
                return work.apply(connection);
            }
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("store error: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    public int schemaVersion() {
        return transaction(c -> {
            try (var rs = c.createStatement().executeQuery("PRAGMA user_version")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    private void migrate() {
        transaction(c -> {
            int version;
            try (var rs = c.createStatement().executeQuery("PRAGMA user_version")) {
                version = rs.next() ? rs.getInt(1) : 0;
            }
            for (int i = version; i < MIGRATIONS.size(); i++) {
                try (Statement s = c.createStatement()) {
                    for (String sql : statements(MIGRATIONS.get(i))) {
                        s.execute(sql);
                    }
                    s.execute("PRAGMA user_version=" + (i + 1));
                }
            }
            return null;
        });
    }

    private static List<String> statements(String resource) {
        try (InputStream in = Database.class.getResourceAsStream("migrations/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing migration " + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
            return java.util.Arrays.stream(text.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the store: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Work on the connection that may throw SQLException. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T apply(Connection c) throws SQLException;
    }
}
