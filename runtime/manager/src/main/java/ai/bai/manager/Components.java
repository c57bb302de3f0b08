package ai.bai.manager;

import ai.bai.manager.agent.Enforcer;
import ai.bai.manager.agent.HostResources;
import ai.bai.manager.agent.HostTools;
import ai.bai.manager.agent.ImageCatalog;
import ai.bai.manager.agent.LocalAgent;
import ai.bai.manager.agent.SessionUsers;
import ai.bai.manager.api.AdminRoutes;
import ai.bai.manager.api.ApiServer;
import ai.bai.manager.api.Auth;
import ai.bai.manager.api.EventRoutes;
import ai.bai.manager.api.GqlRoutes;
import ai.bai.manager.api.SessionRoutes;
import ai.bai.manager.api.SessionViews;
import ai.bai.manager.api.StreamRoutes;
import ai.bai.manager.gql.SessionGraph;
import ai.bai.manager.session.Activity;
import ai.bai.manager.session.Capacity;
import ai.bai.manager.session.EventLog;
import ai.bai.manager.session.ExecutionService;
import ai.bai.manager.session.IdleMonitor;
import ai.bai.manager.session.Lifecycle;
import ai.bai.manager.session.ResourceSlots;
import ai.bai.manager.session.Scheduler;
import ai.bai.manager.session.SessionFiles;
import ai.bai.manager.session.SessionLauncher;
import ai.bai.manager.session.SessionRecord;
import ai.bai.manager.session.SessionRequests;
import ai.bai.manager.session.SessionService;
import ai.bai.manager.store.Database;
import ai.bai.manager.store.EventStore;
import ai.bai.manager.store.KeypairStore;
import ai.bai.manager.store.PolicyStore;
import ai.bai.manager.store.SessionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The manager's object graph, wired once at start. */
record Components(ApiServer server, SessionService sessions, Scheduler scheduler, IdleMonitor idle,
                  LocalAgent agent) {

    static Components wire(ManagerConfig config, Database db, Clock clock) throws IOException {
        ManagerFiles files = config.files();
        SessionUsers users = new SessionUsers(SessionUsers.currentUid(), config.sessionUidBase(),
                files.home().toString());
        HostTools.Python python = HostTools.findPython(config.python(), users.dedicated());
        HostResources host = HostResources.detect(config.cpu(), config.mem(), Path.of("/proc"));
        Path scratch = files.scratch(config.scratch(), users.dedicated());
        Files.createDirectories(scratch);
        LocalAgent agent = new LocalAgent(scratch, files.sessionLogs(), python, users,
                Enforcer.detect(Path.of("/sys/fs/cgroup"), "bai"));
        SessionStore store = new SessionStore(db);
        PolicyStore policies = new PolicyStore(db);
        Lifecycle lifecycle = new Lifecycle(store, new EventLog(new EventStore(db), clock), clock);
        Capacity capacity = new Capacity(host.slots(), host.cores(), host.gpus());
        Activity activity = new Activity(clock);
        Scheduler scheduler = new Scheduler(capacity, policies::forKeypair, changed -> reportWaiting(store, changed),
                clock);
        SessionLauncher launcher = new SessionLauncher(lifecycle, agent, scheduler, activity);
        SessionService sessions = new SessionService(lifecycle, new SessionRequests(new ImageCatalog(
                config.strictImages(), python.version()), new ResourceSlots(host.slotKinds()), capacity, clock),
                scheduler, launcher, agent);
        IdleMonitor idle = new IdleMonitor(lifecycle, activity, policies::forKeypair, launcher::terminate);
        ExecutionService executions = new ExecutionService(sessions, agent, activity);
        SessionViews views = new SessionViews(agent, idle, clock);
        ApiServer server = new ApiServer(new Auth(new KeypairStore(db), clock), List.of(
                new SessionRoutes(sessions, executions, new SessionFiles(agent), views, lifecycle),
                new StreamRoutes(sessions, executions),
                new EventRoutes(lifecycle.events(), sessions),
                new AdminRoutes(host, scheduler),
                new GqlRoutes(new SessionGraph(store, policies, views::usageOf, scheduler::wake))));
        sessions.recover();
        scheduler.start(launcher);
        idle.start();
        return new Components(server, sessions, scheduler, idle, agent);
    }

    /** Stores why queued sessions wait, in one transaction per scheduling pass. */
    private static void reportWaiting(SessionStore store, java.util.Map<String, Scheduler.Waiting> changed) {
        List<SessionRecord> updated = new ArrayList<>();
        changed.forEach((id, w) -> store.byId(id).ifPresent(s -> updated.add(s.withStatusInfo(w.info(), w.data()))));
        store.updateAll(updated);
    }

    void close() {
        idle.close();
        scheduler.close();
        server.close();
        agent.close();
    }
}
