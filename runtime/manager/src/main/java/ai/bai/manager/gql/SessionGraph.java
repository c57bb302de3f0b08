package ai.bai.manager.gql;

import ai.bai.api.Json;
import ai.bai.api.SessionStatus;
import ai.bai.manager.agent.ResourceUsage;
import ai.bai.manager.session.SessionRecord;
import ai.bai.manager.session.ResourcePolicy;
import ai.bai.manager.store.KeypairStore.Keypair;
import ai.bai.manager.store.PolicyStore;
import ai.bai.manager.store.SessionStore;
import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The legacy GraphQL endpoint: {@code compute_session_list} (with status, filter and order), {@code compute_session},
 * {@code keypair}, and the keypair resource policies with {@code modify_keypair_resource_policy}.
 */
public final class SessionGraph {
    /** Upstream caps a page at 100 rows. */
    static final int MAX_PAGE = 100;

    private final SessionStore store;
    private final PolicyStore policies;
    private final Function<SessionRecord, Optional<ResourceUsage>> usage;
    private final Runnable policiesChanged;
    private final GraphQL graphql;

    public SessionGraph(SessionStore store, PolicyStore policies,
                        Function<SessionRecord, Optional<ResourceUsage>> usage, Runnable policiesChanged) {
        this.store = store;
        this.policies = policies;
        this.usage = usage;
        this.policiesChanged = policiesChanged;
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .scalar(Scalars.string("UUID")).scalar(Scalars.string("JSONString")).scalar(Scalars.string("DateTime"))
                .type("Query", t -> t.dataFetcher("compute_session_list", this::list)
                        .dataFetcher("compute_session", this::one)
                        .dataFetcher("keypair", env -> keypair(caller(env)))
                        .dataFetcher("keypair_resource_policy", this::policy)
                        .dataFetcher("keypair_resource_policies",
                                env -> policies.all().stream().map(SessionGraph::policyRow).toList()))
                .type("Mutation", t -> t.dataFetcher("modify_keypair_resource_policy", this::modifyPolicy))
                .build();
        this.graphql = GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(
                new SchemaParser().parse(schemaText()), wiring)).build();
    }

    /** Runs a query for {@code caller}; the result's spec map is the reply body ({@code data}, {@code errors}). */
    public Map<String, Object> execute(String query, Map<String, Object> variables, Keypair caller) {
        return graphql.execute(ExecutionInput.newExecutionInput(query)
                .variables(variables == null ? Map.of() : variables)
                .graphQLContext(Map.of(Keypair.class, caller)).build()).toSpecification();
    }

    private Map<String, Object> list(DataFetchingEnvironment env) {
        Keypair caller = caller(env);
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
                statuses(env.getArgument("status")),
                QueryFilter.where(env.getArgument("filter"), SessionRows.FILTERABLE),
                QueryFilter.orderBy(env.getArgument("order"), SessionRows.FILTERABLE), limit, offset);
        var now = Clock.systemUTC().instant();
        return Map.of("items", page.items().stream().map(s -> SessionRows.row(s, usage.apply(s), now)).toList(),
                "total_count", page.totalCount());
    }

    private Map<String, Object> one(DataFetchingEnvironment env) {
        Keypair caller = caller(env);
        return store.byId(env.getArgument("id")).filter(s -> s.accessKey().equals(caller.accessKey()) || caller.admin())
                .map(s -> SessionRows.row(s, usage.apply(s), Clock.systemUTC().instant())).orElse(null);
    }

    private Map<String, Object> policy(DataFetchingEnvironment env) {
        String name = env.getArgument("name");
        ResourcePolicy p = name == null ? policies.forKeypair(caller(env).accessKey())
                : policies.byName(name).orElseThrow(() -> new IllegalArgumentException("no keypair resource policy "
                        + "named '" + name + "'; existing: " + policies.all().stream().map(ResourcePolicy::name)
                        .collect(Collectors.joining(", "))));
        return policyRow(p);
    }

    private Map<String, Object> modifyPolicy(DataFetchingEnvironment env) {
        if (!caller(env).admin()) {
            throw new IllegalArgumentException("only admins may modify resource policies");
        }
        String name = env.getArgument("name");
        ResourcePolicy p = policies.byName(name).orElseThrow(() -> new IllegalArgumentException(
                "no keypair resource policy named '" + name + "'"));
        Map<String, Object> props = env.getArgument("props");
        Map<String, String> slots = p.totalResourceSlots();
        if (props.get("total_resource_slots") != null) {
            slots = Json.mapper().convertValue(Json.tree((String) props.get("total_resource_slots")),
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { });
        }
        policies.save(new ResourcePolicy(name, intProp(props, "max_concurrent_sessions", p.maxConcurrentSessions()),
                slots, intProp(props, "idle_timeout", p.idleTimeout()),
                intProp(props, "max_session_lifetime", p.maxSessionLifetime())));
        policiesChanged.run();
        return Map.of("ok", true, "msg", "");
    }

    private static int intProp(Map<String, Object> props, String key, int current) {
        Object v = props.get(key);
        if (v == null) {
            return current;
        }
        int n = ((Number) v).intValue();
        if (n < 0) {
            throw new IllegalArgumentException(key + " must be 0 or more, not " + n);
        }
        return n;
    }

    private static Map<String, Object> policyRow(ResourcePolicy p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("total_resource_slots", Json.write(p.totalResourceSlots()));
        m.put("max_concurrent_sessions", p.maxConcurrentSessions());
        m.put("max_session_lifetime", p.maxSessionLifetime());
        m.put("idle_timeout", p.idleTimeout());
        m.put("max_containers_per_session", 1);
        return m;
    }

    private static Map<String, Object> keypair(Keypair k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user_id", k.userId());
        m.put("access_key", k.accessKey());
        m.put("secret_key", k.secretKey());
        m.put("is_active", true);
        m.put("is_admin", k.admin());
        m.put("resource_policy", "default");
        return m;
    }

    static Set<SessionStatus> statuses(String commaList) {
        if (commaList == null || commaList.isBlank()) {
            return SessionStatus.ACTIVE;
        }
        try {
            return Arrays.stream(commaList.split(",")).map(String::trim).map(s -> s.toUpperCase(Locale.ROOT))
                    .map(SessionStatus::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(
                            SessionStatus.class)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown status in '" + commaList + "'; accepted: "
                    + Arrays.toString(SessionStatus.values()));
        }
    }

    private static Keypair caller(DataFetchingEnvironment env) {
        return env.getGraphQlContext().get(Keypair.class);
    }

    private static String schemaText() {
        try (InputStream in = SessionGraph.class.getResourceAsStream("schema.graphqls")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
