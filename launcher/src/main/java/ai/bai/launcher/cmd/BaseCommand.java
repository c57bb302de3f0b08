package ai.bai.launcher.cmd;

import ai.bai.launcher.CliContext;
import ai.bai.launcher.ContextAware;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Gives a command its invocation context; subclasses implement {@link #call()}. */
abstract class BaseCommand implements Callable<Integer>, ContextAware {
    @Spec
    CommandSpec spec;

    CliContext ctx;

    @Override
    public void setContext(CliContext context) {
        this.ctx = context;
    }
}
