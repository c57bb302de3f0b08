package ai.bai.client;

import ai.bai.api.Problem;

/** An error reply of the manager: the HTTP status and its problem+json body. */
public final class BackendException extends RuntimeException {
    private final int status;
    private final transient Problem problem;

    public BackendException(int status, Problem problem) {
        super(describe(status, problem));
        this.status = status;
        this.problem = problem;
    }

    public int status() {
        return status;
    }

    public Problem problem() {
        return problem;
    }

    /** The upstream type slug, e.g. {@code object-not-found}. */
    public String slug() {
        return problem == null ? null : problem.slug();
    }

    private static String describe(int status, Problem p) {
        if (p == null) {
            return "HTTP " + status;
        }
        String msg = p.msg() != null && !p.msg().isBlank() ? p.msg() : p.title();
        return msg + " (" + status + " " + p.slug() + ")";
    }
}
