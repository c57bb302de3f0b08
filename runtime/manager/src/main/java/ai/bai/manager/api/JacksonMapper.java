package ai.bai.manager.api;

import ai.bai.api.Json;
import io.javalin.json.JsonMapper;
import java.lang.reflect.Type;

/** Lets Javalin's {@code ctx.json} use the wire codec, so replies are written exactly as the records define. */
final class JacksonMapper implements JsonMapper {
    @Override
    public String toJsonString(Object obj, Type type) {
        return Json.write(obj);
    }

    @Override
    public <T> T fromJsonString(String json, Type targetType) {
        try {
            return Json.mapper().readValue(json, Json.mapper().constructType(targetType));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON body: " + e.getOriginalMessage());
        }
    }
}
