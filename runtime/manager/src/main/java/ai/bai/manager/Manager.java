package ai.bai.manager;

import ai.bai.api.Json;
import ai.bai.manager.agent.HostTools;
import ai.bai.manager.agent.ImageCatalog;
import ai.bai.manager.agent.LocalAgent;
import ai.bai.manager.agent.SessionUsers;
import ai.bai.manager.api.ApiServer;
import ai.bai.manager.api.Auth;
import ai.bai.manager.api.EventRoutes;
import ai.bai.manager.api.GqlRoutes;
import ai.bai.manager.api.SessionRoutes;
import ai.bai.manager.api.StreamRoutes;
import ai.bai.manager.gql.SessionGraph;
import ai.bai.manager.session.EventLog;
import ai.bai.manager.session.ExecutionService;
import ai.bai.manager.session.ResourceSlots;
import ai.bai.manager.session.SessionFiles;
import ai.bai.manager.session.SessionRequests;
import ai.bai.manager.session.SessionService;
import ai.bai.manager.store.Database;
import ai.bai.manager.store.EventStore;
import ai.bai.manager.store.KeypairStore;
import ai.bai.manager.store.KeypairStore.Keypair;
import ai.bai.manager.store.SessionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** A running embedded manager: store, agent, services and API server wired together. */
public final class Manager implements AutoCloseable {
    private final ManagerFiles files;
    private final FileChannel lockChannel;
    private final Database db;
    private final ApiServer server;
    private final Keypair keypair;
    private final URI url;
    private final SessionService sessions;
    private final LocalAgent agent;

    private Manager(ManagerFiles files, FileChannel lockChannel, Database db, ApiServer server, Keypair keypair,
                    URI url, SessionService sessions, LocalAgent agent) {
        this.files = files;
        this.lockChannel = lockChannel;
        this.db = db;
        this.server = server;
        this.keypair = keypair;
        this.url = url;
        this.sessions = sessions;
        this.agent = agent;
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
        Clock clock = Clock.systemUTC();
        Database db = Database.open(files.database());
        try {
            Keypair keypair = Keypairs.ensure(new KeypairStore(db), files.keypair());
            SessionUsers users = new SessionUsers(SessionUsers.currentUid(), config.sessionUidBase(),
                    files.home().toString());
            HostTools.Python python = HostTools.findPython(config.python(), users.dedicated());
            Path scratch = files.scratch(config.scratch(), users.dedicated());
            Files.createDirectories(scratch);
            LocalAgent agent = new LocalAgent(scratch, files.sessionLogs(), python, users);
            ImageCatalog images = new ImageCatalog(config.strictImages(), python.version());
            SessionStore sessionStore = new SessionStore(db);
            EventLog events = new EventLog(new EventStore(db), clock);
            SessionService sessions = new SessionService(sessionStore, events, agent,
                    new SessionRequests(images, ResourceSlots.intrinsic()), clock);
            ExecutionService executions = new ExecutionService(sessions, agent);
            ApiServer server = new ApiServer(new Auth(new KeypairStore(db), clock), List.of(
                    new SessionRoutes(sessions, executions, new SessionFiles(agent), agent, clock),
                    new StreamRoutes(sessions, executions),
                    new EventRoutes(events, sessions),
                    new GqlRoutes(new SessionGraph(sessionStore))));
            sessions.recover();
            int port = server.start(config.host(), config.port());
            URI url = URI.create("http://" + config.host() + ":" + port);
            writeState(files, url);
            Thread.ofVirtual().name("zygote-prewarm").start(agent::prewarm);
            return new Manager(files, lock, db, server, keypair, url, sessions, agent);
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
        return sessions;
    }

    /** Stops serving; sessions keep running and are re-adopted by the next manager. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(files.state());
        } catch (IOException ignored) {
            // a stale state file is detected by its dead pid
        }
        server.close();
        agent.close();
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
