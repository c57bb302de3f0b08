package ai.bai.launcher.cmd;

import ai.bai.client.BackendException;
import ai.bai.launcher.ExitCodes;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bai rm|kill|terminate SESSID...}: terminates sessions; a PENDING one is cancelled. */
@Command(name = "rm", aliases = {"kill", "terminate"}, mixinStandardHelpOptions = true,
        description = "Terminate the given sessions (PENDING ones are cancelled).")
public final class RemoveCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "SESSID", description = "Session names or ids.")
    List<String> sessions;

    @Option(names = {"-f", "--forced"}, description = "Force termination (admins; stuck sessions).")
    boolean forced;

    @Option(names = {"-q", "--quiet"}, description = "Hide status lines.")
    boolean quiet;

    @Override
    public Integer call() {
        ctx.console().quiet(quiet);
        int failed = 0;
        for (String ref : sessions) {
            try {
                String status = ctx.client().destroy(ref, forced).path("stats").path("status").asText("terminated");
                ctx.console().done("Session " + ref + " " + status + ".");
            } catch (BackendException e) {
                ctx.console().fail("Session " + ref + ": " + e.getMessage());
                failed++;
            }
        }
        return failed == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
