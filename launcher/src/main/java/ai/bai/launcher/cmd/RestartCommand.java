package ai.bai.launcher.cmd;

import ai.bai.client.BackendException;
import ai.bai.launcher.ExitCodes;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code bai restart SESSID...}: fresh kernel processes, the same /home/work. */
@Command(name = "restart", mixinStandardHelpOptions = true, description = "Restart the given sessions.")
public final class RestartCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "SESSID", description = "Session names or ids.")
    List<String> sessions;

    @Override
    public Integer call() {
        int failed = 0;
        for (String ref : sessions) {
            try {
                ctx.client().restart(ref);
                ctx.console().done("Session " + ref + " restarted.");
            } catch (BackendException e) {
                ctx.console().fail("Session " + ref + ": " + e.getMessage());
                failed++;
            }
        }
        return failed == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
