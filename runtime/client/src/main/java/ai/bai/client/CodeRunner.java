package ai.bai.client;

import ai.bai.api.ConsoleItem;
import ai.bai.api.ExecuteRequest;
import ai.bai.api.ExecutionResult;

/**
 * Runs code in a session over the streaming execute API and hands everything it produces to a {@link Console}:
 * stdout and stderr verbatim, other records whole, step statuses as lines, and input requests to the console.
 */
public final class CodeRunner {

    /** Where a run's output goes and where its input comes from. */
    public interface Console {
        void stdout(String text);

        void stderr(String text);

        /** A console item other than stdout/stderr (html, media, log). */
        void record(String type, Object data);

        /** A step's status line, e.g. "Build finished. (exit code = 0)". */
        void status(String line);

        /** A line of input the program asks for; null ends the input. */
        String readLine(boolean password);
    }

    private final BackendClient client;

    public CodeRunner(BackendClient client) {
        this.client = client;
    }

    /** Runs to the end and returns the final result (its exit code is the program's). */
    public ExecutionResult run(String sessionRef, ExecuteRequest request, Console console)
            throws InterruptedException {
        boolean batch = ExecuteRequest.BATCH.equals(request.mode());
        try (ExecutionStream stream = client.openExecution(sessionRef, request)) {
            while (true) {
                ExecutionResult step = stream.next();
                render(step, console);
                switch (step.status()) {
                    case ExecutionResult.CLEAN_FINISHED -> console.status("Clean finished. (exit code = "
                            + step.exitCode() + ")");
                    case ExecutionResult.BUILD_FINISHED -> console.status("Build finished. (exit code = "
                            + step.exitCode() + ")");
                    case ExecutionResult.WAITING_INPUT -> {
                        String line = console.readLine(Boolean.TRUE.equals(step.options().get("is_password")));
                        stream.sendInput(line == null ? "" : line);
                    }
                    default -> { }
                }
                if (step.isFinal()) {
                    if (batch) {
                        console.status("Execution finished. (exit code = " + step.exitCode() + ")");
                    }
                    return step;
                }
            }
        }
    }

    private static void render(ExecutionResult step, Console console) {
        for (ConsoleItem item : step.console()) {
            switch (item.type()) {
                case "stdout" -> console.stdout(String.valueOf(item.data()));
                case "stderr" -> console.stderr(String.valueOf(item.data()));
                default -> console.record(item.type(), item.data());
            }
        }
    }
}
