package ai.bai.manager;

import ai.bai.api.Problem;

/** An error the API answers with {@code application/problem+json}: status, upstream type slug, title, detail. */
public final class ApiProblem extends RuntimeException {
    private final int status;
    private final String slug;
    private final String title;
    private final transient Object data;

    public ApiProblem(int status, String slug, String title, String detail, Object data) {
        super(detail == null ? title : detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.data = data;
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, Problem.INVALID_API_PARAMS, "Invalid API parameters.", detail, null);
    }

    public static ApiProblem notFound(String title, String detail) {
        return new ApiProblem(404, Problem.NOT_FOUND, title, detail, null);
    }

    public int status() {
        return status;
    }

    public Problem toProblem() {
        return new Problem(Problem.PREFIX + slug, title, getMessage(), data);
    }
}
