package ai.bai.client.sweep;

import ai.bai.api.BatchOptions;
import ai.bai.api.ExecuteRequest;
import ai.bai.client.BackendClient;
import ai.bai.client.SessionOptions;
import java.util.List;

/**
 * A sweep to run: the cases, the session options every case shares (its name is the name prefix), what each
 * case runs, files to upload first, how many cases may run at once, and whether sessions end with their case.
 *
 * @param code    query-mode code (the same for every case), or null for batch mode
 * @param clean   batch-mode clean command, or null
 */
public record SweepRequest(List<SweepCase> cases, SessionOptions base, String code, String clean,
                           List<BackendClient.UploadFile> uploads, int maxParallel, boolean remove) {
    public SweepRequest {
        cases = List.copyOf(cases);
        uploads = List.copyOf(uploads);
        if (maxParallel < 1) {
            throw new IllegalArgumentException("max parallel must be 1 or more, not " + maxParallel);
        }
    }

    /** The session name of a case: the prefix alone for a single case, {@code <prefix>-<index>} otherwise. */
    public String sessionName(SweepCase c) {
        return cases.size() == 1 ? base.name() : base.name() + "-" + c.index();
    }

    /** What a case runs: the code, or its build and exec commands in batch mode. */
    ExecuteRequest execution(SweepCase c) {
        if (code != null) {
            return ExecuteRequest.query(code);
        }
        return ExecuteRequest.batch(new BatchOptions(clean == null ? "*" : clean,
                c.build() == null ? "*" : c.build(), false, c.exec() == null ? "*" : c.exec()));
    }
}
