package ai.bai.launcher.cmd;

import ai.bai.launcher.ExitCodes;
import ai.bai.manager.EmbeddedManager;
import ai.bai.manager.ManagerMain;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bai server start|stop|status}: the embedded manager of this BAI_HOME. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Manage the embedded manager (it also starts by itself when a command needs it).",
        subcommands = {ServerCommand.Start.class, ServerCommand.Stop.class, ServerCommand.Status.class})
public final class ServerCommand {

    /** Starts the manager in the background, or in the foreground with --foreground. */
    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start the embedded manager.")
    public static final class Start extends BaseCommand {
        @Option(names = "--foreground", description = "Run in this process until interrupted.")
        boolean foreground;

        @Override
        public Integer call() throws Exception {
            EmbeddedManager manager = ctx.embeddedManager();
            Optional<EmbeddedManager.Running> running = manager.find();
            if (running.isPresent()) {
                ctx.console().info("The manager already runs at " + running.get().url() + " (pid "
                        + running.get().pid() + ").");
                return ExitCodes.OK;
            }
            if (foreground) {
                ManagerMain.main(new String[0]);
                return ExitCodes.OK;
            }
            EmbeddedManager.Running started = manager.ensureRunning(ctx.serverJvmOptions(), ctx.env());
            ctx.console().done("The manager runs at " + started.url() + " (pid " + started.pid() + ", BAI_HOME="
                    + manager.files().home() + ").");
            return ExitCodes.OK;
        }
    }

    /** Stops the manager; sessions keep running and are re-adopted on the next start. */
    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop the embedded manager (running sessions are kept and re-adopted on restart).")
    public static final class Stop extends BaseCommand {
        @Override
        public Integer call() throws InterruptedException {
            if (ctx.embeddedManager().stop(Duration.ofSeconds(20))) {
                ctx.console().done("The manager stopped.");
            } else {
                ctx.console().info("No manager runs for BAI_HOME=" + ctx.embeddedManager().files().home() + ".");
            }
            return ExitCodes.OK;
        }
    }

    /** Says whether a manager runs, where and as which pid; exit code 1 when none runs. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show whether the manager runs.")
    public static final class Status extends BaseCommand {
        @Override
        public Integer call() {
            EmbeddedManager manager = ctx.embeddedManager();
            Optional<EmbeddedManager.Running> running = manager.find();
            if (running.isEmpty()) {
                ctx.out().println("stopped (BAI_HOME=" + manager.files().home() + ")");
                return ExitCodes.FAILURE;
            }
            ctx.out().println("running at " + running.get().url() + " (pid " + running.get().pid() + ", BAI_HOME="
                    + manager.files().home() + ")");
            return ExitCodes.OK;
        }
    }
}
