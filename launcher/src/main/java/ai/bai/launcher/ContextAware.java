package ai.bai.launcher;

/** A command that needs the invocation's context (environment, streams, client). */
public interface ContextAware {
    void setContext(CliContext context);
}
