package ai.bai.manager.gql;

import ai.bai.api.Json;
import ai.bai.api.SessionStatus;
import ai.bai.manager.session.SessionRecord;
import ai.bai.manager.store.KeypairStore.Keypair;
import ai.bai.manager.store.SessionStore;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLScalarType;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The legacy GraphQL endpoint's session queries: {@code compute_session_list}, {@code compute_session}, {@code keypair}. */
public final class SessionGraph {
    /** Upstream caps a page at 100 rows. */
    static final int MAX_PAGE = 100;

    private final SessionStore store;
    private final GraphQL graphql;

    public SessionGraph(SessionStore store) {
        this.store = store;
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .scalar(stringScalar("UUID")).scalar(stringScalar("JSONString")).scalar(stringScalar("DateTime"))
                .type("Query", t -> t.dataFetcher("compute_session_list", this::list)
                        .dataFetcher("compute_session", this::one)
                        .dataFetcher("keypair", env -> keypair(env.getGraphQlContext().get(Keypair.class))))
                .build();
        var registry = new SchemaParser().parse(schemaText());
        this.graphql = GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(registry, wiring)).build();
    }

    /** Runs a query for {@code caller}; the result's spec map is the reply body ({@code data}, {@code errors}). */
    public Map<String, Object> execute(String query, Map<String, Object> variables, Keypair caller) {
        ExecutionResult result = graphql.execute(ExecutionInput.newExecutionInput(query)
                .variables(variables == null ? Map.of() : variables)
                .graphQLContext(Map.of(Keypair.class, caller)).build());
        return result.toSpecification();
    }

    private Map<String, Object> list(DataFetchingEnvironment env) {
        Keypair caller = env.getGraphQlContext().get(Keypair.class);
        int limit = env.getArgument("limit");
        int offset = env.getArgument("offset");
        if (limit < 1 || limit > MAX_PAGE || offset < 0) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_PAGE + " and offset 0 or more");
        }
        String owner = env.getArgument("access_key");
        if (owner != null && !owner.equals(caller.accessKey()) && !caller.admin()) {
            throw new IllegalArgumentException("only admins may list another access key's sessions");
        }
        SessionStore.Page page = store.page(owner == null ? caller.accessKey() : owner,
                statuses(env.getArgument("status")), limit, offset);
        return Map.of("items", page.items().stream().map(SessionGraph::row).toList(),
                "total_count", page.totalCount());
    }

    private Map<String, Object> one(DataFetchingEnvironment env) {
        Keypair caller = env.getGraphQlContext().get(Keypair.class);
        String id = env.getArgument("id");
        return store.byId(id).filter(s -> s.accessKey().equals(caller.accessKey()) || caller.admin())
                .map(SessionGraph::row).orElse(null);
    }

    private static Map<String, Object> keypair(Keypair k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user_id", k.userId());
        m.put("access_key", k.accessKey());
        m.put("secret_key", k.secretKey());
        m.put("is_active", true);
        m.put("is_admin", k.admin());
        return m;
    }

    static Set<SessionStatus> statuses(String commaList) {
        if (commaList == null || commaList.isBlank()) {
            return SessionStatus.ACTIVE;
        }
        try {
            return Arrays.stream(commaList.split(",")).map(String::trim).map(s -> s.toUpperCase(Locale.ROOT))
                    .map(SessionStatus::valueOf).collect(Collectors.toCollection(() -> java.util.EnumSet.noneOf(
                            SessionStatus.class)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown status in '" + commaList + "'; accepted: "
                    + Arrays.toString(SessionStatus.values()));
        }
    }

    static Map<String, Object> row(SessionRecord s) {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean occupying = s.kernel() != null && !s.status().isTerminal();
        String slots = Json.write(s.resources());
        m.put("id", s.id());
        m.put("session_id", s.id());
        m.put("main_kernel_id", s.id());
        m.put("name", s.name());
        m.put("type", s.type().toUpperCase(Locale.ROOT));
        m.put("session_type", s.type().toUpperCase(Locale.ROOT));
        m.put("image", s.image());
        m.put("architecture", "x86_64");
        m.put("tag", s.tag());
        m.put("status", s.status().name());
        m.put("status_info", s.statusInfo());
        m.put("status_changed", s.statusChanged().toString());
        m.put("status_data", "{}");
        m.put("status_history", Json.write(s.statusHistory().entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> e.getValue().toString(), (a, b) -> b, LinkedHashMap::new))));
        m.put("result", s.result());
        m.put("created_at", s.createdAt().toString());
        m.put("terminated_at", s.terminatedAt() == null ? null : s.terminatedAt().toString());
        m.put("domain_name", s.domainName());
        m.put("group_name", s.groupName());
        m.put("access_key", s.accessKey());
        m.put("cluster_mode", "single-node");
        m.put("cluster_size", 1);
        m.put("priority", 10);
        m.put("scaling_group", "default");
        m.put("agent_ids", List.of("local"));
        m.put("occupied_slots", occupying ? slots : "{}");
        m.put("occupying_slots", occupying ? slots : "{}");
        m.put("requested_slots", slots);
        m.put("num_queries", s.numQueries());
        m.put("containers", List.of(Map.of("id", s.id(), "idx", 0, "role", "main", "cluster_idx", 0,
                "cluster_role", "main", "status", s.status().name(), "agent", "local",
                "occupied_slots", occupying ? slots : "{}")));
        m.put("dependencies", List.of());
        m.put("idle_checks", "{}");
        return m;
    }

    private static GraphQLScalarType stringScalar(String name) {
        return GraphQLScalarType.newScalar().name(name).coercing(new Coercing<Object, Object>() {
            @Override
            public Object serialize(Object value, GraphQLContext ctx, Locale locale) {
                return value == null ? null : value.toString();
            }

            @Override
            public Object parseValue(Object input, GraphQLContext ctx, Locale locale) {
                return input == null ? null : input.toString();
            }

            @Override
            public Object parseLiteral(Value<?> input, CoercedVariables vars, GraphQLContext ctx, Locale locale) {
                if (input instanceof StringValue s) {
                    return s.getValue();
                }
                throw new CoercingParseLiteralException(name + " must be a string");
            }
        }).build();
    }

    private static String schemaText() {
        try (InputStream in = SessionGraph.class.getResourceAsStream("schema.graphqls")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
