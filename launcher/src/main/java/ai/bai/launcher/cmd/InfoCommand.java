package ai.bai.launcher.cmd;

import ai.bai.api.Json;
import ai.bai.api.SessionInfo;
import ai.bai.launcher.ExitCodes;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bai info SESSID}: a session's details. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Show detailed information of a session.")
public class InfoCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "SESSID", description = "Session name or id.")
    String session;

    @Option(names = "--json", description = "Print the API's JSON reply.")
    boolean json;

    @Override
    public Integer call() {
        SessionInfo info = ctx.client().sessionInfo(session);
        if (json) {
            ctx.out().println(Json.write(info));
            return ExitCodes.OK;
        }
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("Session ID", info.sessionId());
        rows.put("Session Name", info.sessionName());
        rows.put("Type", info.type());
        rows.put("Image", info.image());
        rows.put("Runtime", info.lang());
        rows.put("Tag", info.tag());
        rows.put("Status", info.status());
        rows.put("Status Info", info.statusInfo());
        rows.put("Result", info.result());
        rows.put("Exit Code", info.exitCode());
        rows.put("Created At", info.creationTime());
        rows.put("Terminated At", info.terminationTime());
        rows.put("Requested Slots", info.requestedSlots());
        rows.put("Occupied Slots", info.occupiedSlots());
        rows.put("Environment", info.environ());
        rows.put("Queries Executed", info.numQueriesExecuted());
        rows.put("Enforcement", info.enforcement());
        rows.put("Idle Checks", info.idleChecks());
        rows.put("Live Stats", info.lastStat());
        rows.put("Status History", info.statusHistory());
        int width = rows.keySet().stream().mapToInt(String::length).max().orElse(10);
        rows.forEach((k, v) -> ctx.out().printf("%-" + width + "s  %s%n", k, v == null ? "-" : v));
        return ExitCodes.OK;
    }
}
