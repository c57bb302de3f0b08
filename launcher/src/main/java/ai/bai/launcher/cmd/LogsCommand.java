package ai.bai.launcher.cmd;

import ai.bai.launcher.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code bai logs SESSID}: what the session's processes wrote outside of runs. */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Show the output logs of a session.")
public final class LogsCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "SESSID", description = "Session name or id.")
    String session;

    @Override
    public Integer call() {
        String logs = ctx.client().logs(session);
        ctx.out().print(logs);
        if (!logs.isEmpty() && !logs.endsWith("\n")) {
            ctx.out().println();
        }
        return ExitCodes.OK;
    }
}
