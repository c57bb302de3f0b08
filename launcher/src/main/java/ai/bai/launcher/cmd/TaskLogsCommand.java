package ai.bai.launcher.cmd;

import ai.bai.launcher.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code bai task-logs ID}: a batch session's output, followed until the session ends. */
@Command(name = "task-logs", mixinStandardHelpOptions = true,
        description = "Show the output logs of a batch task, following them while it runs.")
public final class TaskLogsCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "TASK_ID", description = "The batch session's id or name.")
    String task;

    @Override
    public Integer call() {
        ctx.client().taskLogs(task, ctx.out());
        return ExitCodes.OK;
    }
}
