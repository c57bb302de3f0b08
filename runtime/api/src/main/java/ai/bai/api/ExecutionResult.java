package ai.bai.api;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The Execution Result object: one step of a run. {@code status} is continued, waiting-input, finished,
 * clean-finished, build-finished or exec-timeout; {@code exitCode} is meaningful on the finished ones.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ExecutionResult(@JsonAlias("run_id") String runId, String status, Integer exitCode,
                              List<ConsoleItem> console, Map<String, Object> options,
                              List<Map<String, String>> files) {
    public static final String CONTINUED = "continued";
    public static final String WAITING_INPUT = "waiting-input";
    public static final String FINISHED = "finished";
    public static final String CLEAN_FINISHED = "clean-finished";
    public static final String BUILD_FINISHED = "build-finished";
    public static final String EXEC_TIMEOUT = "exec-timeout";

    public ExecutionResult {
        console = console == null ? List.of() : List.copyOf(console);
        options = options == null ? Map.of() : Map.copyOf(options);
        files = files == null ? List.of() : List.copyOf(files);
    }

    public boolean isFinal() {
        return FINISHED.equals(status) || EXEC_TIMEOUT.equals(status);
    }
}
