package ai.bai.manager.api;

import io.javalin.config.RoutesConfig;

/** A group of API routes. */
public interface Routes {
    void register(RoutesConfig routes);
}
