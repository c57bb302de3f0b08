package ai.bai.launcher.cmd;

import ai.bai.api.Json;
import ai.bai.api.LifecycleEvent;
import ai.bai.client.EventStream;
import ai.bai.launcher.ExitCodes;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bai events SESSID}: prints lifecycle events as they happen, one {@code name json} line each, until the
 * session ends (or {@code --wait EVENT} arrives).
 */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Monitor the lifecycle events of a compute session.")
public final class EventsCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "SESSID", description = "Session name or id.")
    String session;

    @Option(names = "--wait", paramLabel = "EVENT", description = "Exit once this event arrives.")
    String waitFor;

    @Override
    public Integer call() throws InterruptedException {
        AtomicReference<RuntimeException> error = new AtomicReference<>();
        boolean byId = session.matches("[0-9a-fA-F-]{36}");
        try (EventStream stream = ctx.client().events(byId ? "*" : session, byId ? session : null,
                new EventStream.Listener() {
                    @Override
                    public boolean onEvent(LifecycleEvent e) {
                        ctx.out().println(e.name() + " " + Json.write(e.payload()));
                        ctx.out().flush();
                        return waitFor != null ? !e.name().equals(waitFor) : !e.isTerminal();
                    }

                    @Override
                    public void onError(RuntimeException e) {
                        error.set(e);
                    }
                })) {
            stream.await();
        }
        if (error.get() != null) {
            throw error.get();
        }
        return ExitCodes.OK;
    }
}
