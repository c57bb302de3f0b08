package ai.bai.client.sweep;

import java.util.List;

/** Every case's result, in case order. */
public record SweepResult(List<CaseResult> results) {
    public SweepResult {
        results = List.copyOf(results);
    }

    /** Whether every case's program ran and exited 0. */
    public boolean allSucceeded() {
        return results.stream().allMatch(CaseResult::succeeded);
    }
}
