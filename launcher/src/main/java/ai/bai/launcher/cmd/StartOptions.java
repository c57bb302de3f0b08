package ai.bai.launcher.cmd;

import ai.bai.api.Durations;
import ai.bai.client.KeyValues;
import ai.bai.client.SessionOptions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The session creation options that {@code start} and {@code run} share, spelled as the official client spells them. */
public final class StartOptions {
    @Option(names = {"-t", "--name", "--client-token"}, paramLabel = "NAME",
            description = "Human-readable session name; a random one when omitted.")
    String name;

    @Option(names = "--type", paramLabel = "SESSTYPE", defaultValue = "interactive",
            description = "Session type: interactive or batch (default: ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--enqueue-only", description = "Enqueue the session and return without waiting for it to start.")
    boolean enqueueOnly;

    @Option(names = "--max-wait", paramLabel = "SECONDS", defaultValue = "0",
            description = "Wait at most this long for the session to start (0 = no limit).")
    int maxWait;

    @Option(names = "--no-reuse", description = "Fail instead of reusing a running session of the same name.")
    boolean noReuse;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VAL", description = "Environment variable (repeatable).")
    List<String> env = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "TEXT", description = "A tag to annotate the session.")
    String tag;

    @Option(names = {"-r", "--resources"}, paramLabel = "KEY=VAL",
            description = "Resource request, e.g. -r cpu=2 -r mem=256m (a bare mem number is MiB).")
    List<String> resources = new ArrayList<>();

    @Option(names = "--resource-opts", paramLabel = "KEY=VAL", description = "Resource options, e.g. shmem=64m.")
    List<String> resourceOpts = new ArrayList<>();

    @Option(names = "--cluster-size", paramLabel = "NUMBER", description = "Number of containers in the cluster.")
    Integer clusterSize;

    @Option(names = "--cluster-mode", paramLabel = "MODE", description = "single-node or multi-node.")
    String clusterMode;

    @Option(names = {"-d", "--domain"}, paramLabel = "DOMAIN_NAME", description = "Domain to create the session in.")
    String domain;

    @Option(names = {"-g", "--group"}, paramLabel = "GROUP_NAME", description = "Group (project) of the session.")
    String group;

    @Option(names = {"-o", "--owner", "--owner-access-key"}, paramLabel = "ACCESS_KEY",
            description = "Create the session for this access key (admins).")
    String owner;

    @Option(names = "--priority", paramLabel = "0..100",
            description = "Scheduling priority: higher starts first (default 10).")
    Integer priority;

    @Option(names = "--starts-at", paramLabel = "STARTS_AT",
            description = "Start a batch session at this time: relative (10m, 2h) or ISO 8601.")
    String startsAt;

    @Option(names = {"--batch-timeout"}, paramLabel = "DURATION",
            description = "Stop a batch session that runs longer than this (e.g. 30m).")
    String batchTimeout;

    /** Checks the options and turns them into session options for {@code image}. */
    SessionOptions toOptions(CommandSpec spec, String image) {
        return toOptions(spec, image, null);
    }

    /** The same, with a batch session's startup command. */
    SessionOptions toOptions(CommandSpec spec, String image, String startupCommand) {
        checkSchedulingOptions(spec);
        if (maxWait < 0) {
            throw new ParameterException(spec.commandLine(), "--max-wait must be 0 (no limit) or a number of "
                    + "seconds, not " + maxWait);
        }
        if (!List.of("interactive", "batch").contains(type)) {
            throw new ParameterException(spec.commandLine(), "--type must be interactive or batch, not '" + type + "'");
        }
        Map<String, String> environ = parse(spec, "-e/--env", env);
        Map<String, String> slots = parse(spec, "-r/--resources", resources);
        Map<String, String> opts = parse(spec, "--resource-opts", resourceOpts);
        return new SessionOptions(image, name != null ? name : generatedName(), type, environ, slots, opts, tag,
                enqueueOnly, maxWait, !noReuse, clusterSize, clusterMode, domain, group, owner, priority, startsAt,
                startupCommand, batchTimeout);
    }

    /** Priority, start time and timeout are checked here, so a bad one never reaches the manager. */
    private void checkSchedulingOptions(CommandSpec spec) {
        if (priority != null && (priority < 0 || priority > 100)) {
            throw new ParameterException(spec.commandLine(), "--priority must be 0..100, not " + priority);
        }
        try {
            if (startsAt != null) {
                Durations.startTime(startsAt, Instant.now());
            }
            if (batchTimeout != null) {
                Durations.parse(batchTimeout);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), (startsAt != null ? "--starts-at: " : "--batch-timeout: ")
                    + e.getMessage());
        }
    }

    private static Map<String, String> parse(CommandSpec spec, String option, List<String> items) {
        try {
            return KeyValues.parse(option, items);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    static String generatedName() {
        byte[] b = new byte[5];
        new SecureRandom().nextBytes(b);
        return "bai-" + HexFormat.of().formatHex(b);
    }
}
