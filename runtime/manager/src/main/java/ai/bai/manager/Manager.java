package ai.bai.manager;

import ai.bai.api.Json;
import ai.bai.manager.session.Scheduler;
import ai.bai.manager.session.SessionService;
import ai.bai.manager.store.Database;
import ai.bai.manager.store.KeypairStore;
import ai.bai.manager.store.KeypairStore.Keypair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Map;

/** A running embedded manager: store, agent, services and API server wired together. */
public final class Manager implements AutoCloseable {
    private final ManagerFiles files;
    private final FileChannel lockChannel;
    private final Database db;
    private final Components components;
    private final Keypair keypair;
    private final URI url;

    private Manager(ManagerFiles files, FileChannel lockChannel, Database db, Components components,
                    Keypair keypair, URI url) {
        this.files = files;
        this.lockChannel = lockChannel;
        this.db = db;
        this.components = components;
        this.keypair = keypair;
        this.url = url;
    }

    /** Starts a manager on {@code config}'s home; fails if another manager runs there. */
    public static Manager start(ManagerConfig config) throws IOException {
        ManagerFiles files = config.files();
        Files.createDirectories(files.home());
        Files.createDirectories(files.sessionLogs());
        FileChannel lock = FileChannel.open(files.runLock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = lock.tryLock();
        if (held == null) {
            lock.close();
            throw new IllegalStateException("another bai manager already runs with BAI_HOME=" + files.home());
        }
        Database db = Database.open(files.database());
        try {
            Keypair keypair = Keypairs.ensure(new KeypairStore(db), files.keypair());
            Components components = Components.wire(config, db, Clock.systemUTC());
            int port = components.server().start(config.host(), config.port());
            URI url = URI.create("http://" + config.host() + ":" + port);
            writeState(files, url);
            Thread.ofVirtual().name("zygote-prewarm").start(components.agent()::prewarm);
            return new Manager(files, lock, db, components, keypair, url);
        } catch (IOException | RuntimeException e) {
            db.close();
            lock.close();
            throw e;
        }
    }

    public URI url() {
        return url;
    }

    public Keypair keypair() {
        return keypair;
    }

    public SessionService sessions() {
        return components.sessions();
    }

    /** The scheduler, for benchmarks that time its passes. */
    public Scheduler scheduler() {
        return components.scheduler();
    }

    /** Stops serving; sessions keep running and are re-adopted by the next manager. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(files.state());
        } catch (IOException ignored) {
            // a stale state file is detected by its dead pid
        }
        components.close();
        db.close();
        try {
            lockChannel.close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }

    private static void writeState(ManagerFiles files, URI url) {
        ProcessHandle self = ProcessHandle.current();
        Map<String, Object> state = Map.of("pid", self.pid(), "url", url.toString(),
                "started", self.info().startInstant().map(Object::toString).orElse(""));
        try {
            Path tmp = files.home().resolve("manager.json.tmp");
            Files.writeString(tmp, Json.write(state));
            Files.move(tmp, files.state(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + files.state(), e);
        }
    }
}
