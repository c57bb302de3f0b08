package ai.bai.manager.api;

import ai.bai.manager.ApiProblem;
import ai.bai.manager.agent.HostResources;
import ai.bai.manager.session.Scheduler;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /config/resource-slots}: the slots this manager knows, and their kinds; and bai's own
 * {@code POST /x-bai/scheduler/pass}, which runs one scheduling pass now and says how long it took (admins; for
 * benchmarks and diagnosis).
 */
public final class AdminRoutes implements Routes {
    private final HostResources host;
    private final Scheduler scheduler;

    public AdminRoutes(HostResources host, Scheduler scheduler) {
        this.host = host;
        this.scheduler = scheduler;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/config/resource-slots", ctx -> ctx.json(host.slotKinds()));
        routes.get("/config/resource-slots/details", ctx -> {
            Map<String, Object> details = new LinkedHashMap<>();
            host.slots().forEach((slot, amount) -> details.put(slot, Map.of("slot_type", host.slotKinds().get(slot),
                    "capacity", amount.stripTrailingZeros().toPlainString())));
            ctx.json(details);
        });
        routes.post("/x-bai/scheduler/pass", ctx -> {
            if (!ApiServer.caller(ctx).keypair().admin()) {
                throw new ApiProblem(403, "insufficient-privilege", "Insufficient privilege.", "admins only", null);
            }
            Scheduler.Pass pass = scheduler.pass();
            ctx.json(Map.of("queued", scheduler.queued(), "examined", pass.examined(), "started", pass.started(),
                    "nanos", pass.nanos()));
        });
    }
}
