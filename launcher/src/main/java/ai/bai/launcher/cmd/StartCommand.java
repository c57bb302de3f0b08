package ai.bai.launcher.cmd;

import ai.bai.launcher.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bai start IMAGE}: prepares a session without running code in it. */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Prepare and start a single compute session without executing code.")
public final class StartCommand extends BaseCommand {
    @Mixin
    StartOptions start;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "Image name or alias, e.g. python or bash.")
    String image;

    @Option(names = {"-q", "--quiet"}, description = "Hide status lines; only the session id and failures show.")
    boolean quiet;

    @Option(names = {"-c", "--startup-command"}, paramLabel = "COMMAND",
            description = "The command a batch session runs (with --type batch).")
    String startupCommand;

    @Override
    public Integer call() {
        ctx.console().quiet(quiet);
        SessionStarter.Started s = SessionStarter.create(ctx, start.toOptions(spec, image, startupCommand));
        if (s.isRunning()) {
            ctx.console().info("Session ID " + s.id() + " is " + (s.created() ? "created and ready."
                    : "already running and ready."));
            ctx.out().println(s.id());
            return ExitCodes.OK;
        }
        if (s.status().equals("PENDING") || s.status().equals("SCHEDULED")) {
            ctx.out().println(s.id());
            return ExitCodes.OK;
        }
        // As upstream, a session still queued when --max-wait ran out is not a failure: it starts later.
        if (s.status().equals("TIMEOUT")) {
            ctx.out().println(s.id());
            return ExitCodes.OK;
        }
        return ExitCodes.FAILURE;
    }
}
