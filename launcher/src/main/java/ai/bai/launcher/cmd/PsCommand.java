package ai.bai.launcher.cmd;

import ai.bai.launcher.ExitCodes;
import ai.bai.launcher.Table;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code bai ps}: lists your sessions through the GraphQL {@code compute_session_list}, latest change first. */
@Command(name = "ps", mixinStandardHelpOptions = true,
        description = "List your compute sessions (the latest status changes first, 10 by default).")
public class PsCommand extends BaseCommand {
    static final String ACTIVE = "PENDING,SCHEDULED,PREPARING,PULLING,PREPARED,CREATING,RUNNING,RUNNING_DEGRADED,"
            + "RESTARTING,TERMINATING,ERROR";
    static final String RUNNING = "PREPARING,PULLING,RUNNING";
    static final String DEAD = "CANCELLED,TERMINATED";
    static final String ALL = ACTIVE + "," + DEAD;

    /** -f names (the spec's) to GraphQL fields and column titles. */
    static final Map<String, String[]> FIELDS = fields();

    @Option(names = "--running", description = "Only PREPARING, PULLING and RUNNING sessions.")
    boolean running;

    @Option(names = "--dead", description = "Only CANCELLED and TERMINATED sessions.")
    boolean dead;

    @Option(names = {"-a", "--all"}, description = "Sessions in every status.")
    boolean all;

    @Option(names = {"-s", "--status"}, paramLabel = "STATUS", description = "Only sessions in this status.")
    String status;

    @Option(names = "--name-only", description = "Print session names only.")
    boolean nameOnly;

    @Option(names = "--detail", description = "Add tag, creation time and occupied resources.")
    boolean detail;

    @Option(names = {"-f", "--format"}, paramLabel = "FIELDS", description = "Comma-separated fields to show.")
    String format;

    @Option(names = "--plain", description = "No header and no decoration.")
    boolean plain;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10", description = "Rows to show (1..100).")
    int limit;

    @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "Rows to skip.")
    int offset;

    @Option(names = "--filter", paramLabel = "EXPR",
            description = "Filter expression, e.g. 'name ilike \"%train%\" & status == \"RUNNING\"'.")
    String filter;

    @Option(names = "--order", paramLabel = "FIELDS", description = "Order, e.g. -created_at,name.")
    String order;

    @Option(names = "--access-key", paramLabel = "ACCESS_KEY", description = "Another keypair's sessions (admins).")
    String accessKey;

    @Override
    public Integer call() {
        List<String> columns = columns();
        if (limit < 1 || limit > 100 || offset < 0) {
            throw new ParameterException(spec.commandLine(), "--limit must be 1..100 and --offset 0 or more");
        }
        List<String> gqlFields = new ArrayList<>(List.of("name"));
        columns.forEach(c -> gqlFields.add(FIELDS.get(c)[0]));
        String query = "query($limit:Int!, $offset:Int!, $status:String, $filter:String, $order:String, "
                + "$access_key:String) { compute_session_list(limit:$limit, offset:$offset, status:$status, "
                + "filter:$filter, order:$order, access_key:$access_key) { items { "
                + String.join(" ", gqlFields.stream().distinct().toList()) + " } total_count } }";
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("limit", limit);
        variables.put("offset", offset);
        variables.put("status", statuses());
        variables.put("filter", filter);
        variables.put("order", order);
        variables.put("access_key", accessKey);
        JsonNode list = ctx.client().graphql(query, variables).path("compute_session_list");
        if (nameOnly) {
            list.path("items").forEach(item -> ctx.out().println(item.path("name").asText()));
            return ExitCodes.OK;
        }
        if (list.path("items").isEmpty()) {
            ctx.console().info("There are no matching sessions.");
            return ExitCodes.OK;
        }
        Table table = new Table(columns.stream().map(c -> FIELDS.get(c)[1]).toList());
        list.path("items").forEach(item -> table.add(columns.stream()
                .map(c -> text(item.path(FIELDS.get(c)[0]))).toList()));
        table.print(ctx.out(), plain);
        long total = list.path("total_count").asLong();
        if (!plain && total > offset + list.path("items").size()) {
            ctx.console().info("Showing " + list.path("items").size() + " of " + total
                    + " sessions; see more with --offset and --limit.");
        }
        return ExitCodes.OK;
    }

    private String statuses() {
        if (all) {
            return ALL;
        }
        if (dead) {
            return DEAD;
        }
        if (running) {
            return RUNNING;
        }
        return status != null ? status.toUpperCase(java.util.Locale.ROOT) : ACTIVE;
    }

    private List<String> columns() {
        if (format != null) {
            List<String> picked = List.of(format.split(","));
            for (String f : picked) {
                if (!FIELDS.containsKey(f.trim())) {
                    throw new ParameterException(spec.commandLine(), "unknown field '" + f + "' in -f; accepted: "
                            + String.join(", ", FIELDS.keySet()));
                }
            }
            return picked.stream().map(String::trim).toList();
        }
        List<String> cols = new ArrayList<>(List.of("name", "id", "group", "type", "image", "status",
                "status_info", "last_updated", "result"));
        if (detail) {
            cols.addAll(List.of("tag", "created_at", "occupied_slots"));
        }
        return cols;
    }

    private static String text(JsonNode v) {
        return v.isMissingNode() || v.isNull() ? "" : v.isTextual() ? v.asText() : v.toString();
    }

    private static Map<String, String[]> fields() {
        Map<String, String[]> m = new LinkedHashMap<>();
        m.put("name", new String[] {"name", "Name"});
        m.put("id", new String[] {"session_id", "Session ID"});
        m.put("group", new String[] {"group_name", "Group"});
        m.put("owner", new String[] {"access_key", "Owner"});
        m.put("status", new String[] {"status", "Status"});
        m.put("status_info", new String[] {"status_info", "Status Info"});
        m.put("created_at", new String[] {"created_at", "Created At"});
        m.put("last_updated", new String[] {"status_changed", "Last Updated"});
        m.put("result", new String[] {"result", "Result"});
        m.put("image", new String[] {"image", "Image"});
        m.put("type", new String[] {"type", "Type"});
        m.put("task_id", new String[] {"main_kernel_id", "Task ID"});
        m.put("tag", new String[] {"tag", "Tag"});
        m.put("occupied_slots", new String[] {"occupied_slots", "Occupied Resource"});
        m.put("used_memory", new String[] {"used_memory", "Used Memory (MiB)"});
        m.put("max_used_memory", new String[] {"max_used_memory", "Max Used Memory (MiB)"});
        m.put("cpu_using", new String[] {"cpu_using", "CPU Using (%)"});
        return java.util.Collections.unmodifiableMap(m);
    }
}
