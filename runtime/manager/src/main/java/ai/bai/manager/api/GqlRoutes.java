package ai.bai.manager.api;

import ai.bai.api.Json;
import ai.bai.manager.gql.SessionGraph;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/** {@code POST /admin/gql} (and the older {@code /admin/graphql}): the legacy GraphQL API. */
public final class GqlRoutes implements Routes {
    private final SessionGraph graph;

    public GqlRoutes(SessionGraph graph) {
        this.graph = graph;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/admin/gql", this::query);
        routes.post("/admin/graphql", this::query);
    }

    @SuppressWarnings("unchecked")
    private void query(Context ctx) {
        JsonNode body = Json.tree(ctx.body());
        String query = body.path("query").asText(null);
        if (query == null) {
            throw new IllegalArgumentException("missing 'query' in the GraphQL request body");
        }
        Map<String, Object> variables = body.hasNonNull("variables")
                ? Json.convert(body.get("variables"), Map.class) : Map.of();
        ctx.json(graph.execute(query, variables, ApiServer.caller(ctx).keypair()));
    }
}
