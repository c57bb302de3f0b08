package ai.bai.launcher.cmd;

import ai.bai.launcher.ExitCodes;
import ai.bai.launcher.Table;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bai admin ...}: the administrator's names for session listings, and keypair resource policies. */
@Command(name = "admin", mixinStandardHelpOptions = true, description = "Administrative commands.",
        subcommands = {AdminCommand.Sessions.class, AdminCommand.Session.class, AdminCommand.Policy.class,
                AdminCommand.Policies.class})
public final class AdminCommand {

    /** {@code admin sessions}: {@code ps} under its admin name. */
    @Command(name = "sessions", mixinStandardHelpOptions = true, description = "List compute sessions (as ps).")
    public static final class Sessions extends PsCommand {
    }

    /** {@code admin session ID}: {@code info} under its admin name. */
    @Command(name = "session", mixinStandardHelpOptions = true, description = "Show a session's details (as info).")
    public static final class Session extends InfoCommand {
    }

    /** {@code admin keypair-resource-policy [NAME]} shows one; {@code ... update NAME --...} changes it. */
    @Command(name = "keypair-resource-policy", mixinStandardHelpOptions = true,
            description = "Show (or update) a keypair resource policy; without NAME, your keypair's.",
            subcommands = AdminCommand.UpdatePolicy.class)
    public static final class Policy extends BaseCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The policy's name.")
        String name;

        @Override
        public Integer call() {
            JsonNode p = ctx.client().graphql("query($name:String) { keypair_resource_policy(name:$name) { "
                    + FIELDS + " } }", name == null ? Map.of() : Map.of("name", name)).path("keypair_resource_policy");
            print(ctx.out(), List.of(p));
            return ExitCodes.OK;
        }
    }

    /** {@code admin keypair-resource-policies}: every policy. */
    @Command(name = "keypair-resource-policies", mixinStandardHelpOptions = true,
            description = "List the keypair resource policies.")
    public static final class Policies extends BaseCommand {
        @Override
        public Integer call() {
            JsonNode list = ctx.client().graphql("query { keypair_resource_policies { " + FIELDS + " } }", Map.of())
                    .path("keypair_resource_policies");
            java.util.List<JsonNode> rows = new java.util.ArrayList<>();
            list.forEach(rows::add);
            print(ctx.out(), rows);
            return ExitCodes.OK;
        }
    }

    /** {@code admin keypair-resource-policy update NAME [--max-concurrent-sessions N] ...}. */
    @Command(name = "update", mixinStandardHelpOptions = true, description = "Change a keypair resource policy.")
    public static final class UpdatePolicy extends BaseCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The policy's name, e.g. default.")
        String name;

        @Option(names = "--max-concurrent-sessions", paramLabel = "N", description = "0 = no limit.")
        Integer maxSessions;

        @Option(names = "--total-resource-slots", paramLabel = "JSON", description = "e.g. '{\"cpu\":\"2\"}'.")
        String totalSlots;

        @Option(names = "--idle-timeout", paramLabel = "SECONDS", description = "0 = never.")
        Integer idleTimeout;

        @Option(names = "--max-session-lifetime", paramLabel = "SECONDS", description = "0 = no limit.")
        Integer maxLifetime;

        @Override
        public Integer call() {
            Map<String, Object> props = new LinkedHashMap<>();
            putIfSet(props, "max_concurrent_sessions", maxSessions);
            putIfSet(props, "total_resource_slots", totalSlots);
            putIfSet(props, "idle_timeout", idleTimeout);
            putIfSet(props, "max_session_lifetime", maxLifetime);
            ctx.client().graphql("mutation($name:String!, $props:ModifyKeyPairResourcePolicyInput!) { "
                    + "modify_keypair_resource_policy(name:$name, props:$props) { ok msg } }",
                    Map.of("name", name, "props", props));
            ctx.console().done("Keypair resource policy " + name + " updated.");
            return ExitCodes.OK;
        }

        private static void putIfSet(Map<String, Object> m, String key, Object value) {
            if (value != null) {
                m.put(key, value);
            }
        }
    }

    static final String FIELDS = "name total_resource_slots max_concurrent_sessions idle_timeout max_session_lifetime";

    /** One layout for one policy or many. */
    private static void print(java.io.PrintStream out, List<JsonNode> policies) {
        Table table = new Table(List.of("Name", "Max Concurrent Sessions", "Total Resource Slots", "Idle Timeout (s)",
                "Max Session Lifetime (s)"));
        policies.forEach(p -> table.add(List.of(p.path("name").asText(), p.path("max_concurrent_sessions").asText(),
                p.path("total_resource_slots").asText(), p.path("idle_timeout").asText(),
                p.path("max_session_lifetime").asText())));
        table.print(out, false);
    }
}
