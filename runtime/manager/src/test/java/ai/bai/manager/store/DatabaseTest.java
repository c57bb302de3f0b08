package ai.bai.manager.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.bai.api.LifecycleEvent.SessionEvent;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void migratesAFreshStoreToTheLatestVersionAndReopensIt() {
        try (Database db = Database.open(dir.resolve("m.db"))) {
            assertEquals(Database.MIGRATIONS.size(), db.schemaVersion());
            new EventStore(db).append(new SessionEvent(0, "session_enqueued", "s", "n", "ak", null, null),
                    Instant.now());
        }
        try (Database db = Database.open(dir.resolve("m.db"))) {
            assertEquals(Database.MIGRATIONS.size(), db.schemaVersion());
            assertEquals(1, new EventStore(db).lastId());
        }
    }

    @Test
    void eventIdsOnlyGrowAndReadsResumeAfterAnId() {
        try (Database db = Database.open(dir.resolve("e.db"))) {
            EventStore events = new EventStore(db);
            for (int i = 0; i < 5; i++) {
                events.append(new SessionEvent(0, "session_started", i % 2 == 0 ? "even" : "odd", "n", "ak", null, null),
                        Instant.now());
            }
            assertEquals(3, events.between(2, 5, null, 100).size());
            assertEquals(2, events.between(0, 5, "odd", 100).size());
            assertEquals(java.util.List.of(3L, 5L), events.between(1, 5, "even", 100).stream()
                    .map(e -> e.id()).toList());
        }
    }
}
