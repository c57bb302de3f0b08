package ai.bai.client.sweep;

/** What happens to the cases of a sweep, in the order it happens; each event names its case. */
public sealed interface SweepEvent permits SweepEvent.Started, SweepEvent.Output, SweepEvent.Finished {

    SweepCase sweepCase();

    /** The case's session runs (or was reused). */
    record Started(SweepCase sweepCase, String sessionName, String sessionId) implements SweepEvent {
    }

    /** A chunk of the case's program output. */
    record Output(SweepCase sweepCase, boolean stderr, String text) implements SweepEvent {
    }

    /** The case ended; its result says how, with what exit code and after how long. */
    record Finished(SweepCase sweepCase, CaseResult result) implements SweepEvent {
    }
}
