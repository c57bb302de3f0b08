package ai.bai.manager.api;

import ai.bai.manager.agent.HostResources;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /config/resource-slots}: the slots this manager knows, and their kinds. */
public final class AdminRoutes implements Routes {
    private final HostResources host;

    public AdminRoutes(HostResources host) {
        this.host = host;
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
    }
}
