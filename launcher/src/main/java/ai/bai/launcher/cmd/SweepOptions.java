package ai.bai.launcher.cmd;

import ai.bai.client.KeyValues;
import ai.bai.client.sweep.RangeOption;
import ai.bai.client.sweep.SweepCase;
import ai.bai.client.sweep.SweepPlan;
import ai.bai.client.sweep.SweepRequest;
import ai.bai.client.sweep.SweepResult;
import ai.bai.client.sweep.SweepRunner;
import ai.bai.launcher.CliContext;
import ai.bai.launcher.ExitCodes;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code run}'s range options: they expand into cases, each run in a session of its own. */
public final class SweepOptions {
    /** More cases than this need --yes: a typo in a range should not start a million sessions. */
    static final long CONFIRM_ABOVE = 100_000;

    @Option(names = "--env-range", paramLabel = "KEY=EXPR",
            description = "A range for $KEY in -e values: case:A,B,..., linspace:START,STOP,POINTS or "
                    + "range:START,STOP[,STEP] (repeatable).")
    List<String> envRanges = new ArrayList<>();

    @Option(names = "--build-range", paramLabel = "KEY=EXPR", description = "A range for $KEY in --build.")
    List<String> buildRanges = new ArrayList<>();

    @Option(names = "--exec-range", paramLabel = "KEY=EXPR", description = "A range for $KEY in --exec.")
    List<String> execRanges = new ArrayList<>();

    @Option(names = "--max-parallel", paramLabel = "N", defaultValue = "2",
            description = "Cases that may run at once (default: ${DEFAULT-VALUE}).")
    int maxParallel;

    @Option(names = "--dry-run", description = "Print the cases the ranges expand to, and start nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "Run even when the ranges expand to more than 100,000 cases.")
    boolean yes;

    /** The cases the ranges expand to (one case without ranges), checked before anything starts. */
    List<SweepCase> cases(CommandSpec spec, List<String> env, String build, String exec) {
        if (maxParallel < 1) {
            throw new ParameterException(spec.commandLine(), "--max-parallel must be 1 or more, not " + maxParallel);
        }
        try {
            List<RangeOption> envR = envRanges.stream().map(RangeOption::parse).toList();
            List<RangeOption> buildR = buildRanges.stream().map(RangeOption::parse).toList();
            List<RangeOption> execR = execRanges.stream().map(RangeOption::parse).toList();
            long count = SweepPlan.count(envR, buildR, execR);
            if (count > CONFIRM_ABOVE && !yes) {
                throw new IllegalArgumentException("the ranges expand to " + count + " cases; more than "
                        + CONFIRM_ABOVE + " need --yes");
            }
            return SweepPlan.expand(envR, buildR, execR, KeyValues.parse("-e/--env", env), build, exec);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Runs a sweep; exit code 0 only when every case's program exited 0. */
    int run(CliContext ctx, SweepRequest request) throws InterruptedException {
        ctx.console().info("Session name prefix: " + request.base().name());
        ctx.console().info("Running " + request.cases().size() + " cases, at most " + request.maxParallel()
                + " at a time.");
        SweepRunner runner = new SweepRunner(ctx.client(), ctx.config());
        Thread cancel = new Thread(runner::cancel, "bai-sweep-cancel");
        Runtime.getRuntime().addShutdownHook(cancel);  // Ctrl-C: cancel pending cases, end running ones
        SweepDisplay display = new SweepDisplay(ctx, SweepDisplay.logFolder(ctx.env()), request::sessionName,
                request.cases().size());
        try {
            SweepResult result = runner.run(request, display);
            display.summary(result);
            return result.allSucceeded() ? ExitCodes.OK : ExitCodes.FAILURE;
        } finally {
            Runtime.getRuntime().removeShutdownHook(cancel);
        }
    }
}
