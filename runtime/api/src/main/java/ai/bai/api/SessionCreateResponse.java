package ai.bai.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Reply of {@code POST /session}: status is PENDING, RUNNING, TIMEOUT or where start-up ended.
 * Reuse replies repeat the service ports under the deprecated {@code service_ports} key.
 */
public record SessionCreateResponse(String sessionId, String sessionName, String status,
                                    List<ServicePort> servicePorts, Boolean created,
                                    @JsonProperty("service_ports") List<ServicePort> legacyServicePorts) {
    public static final String TIMEOUT = "TIMEOUT";

    public SessionCreateResponse {
        servicePorts = servicePorts == null ? List.of() : List.copyOf(servicePorts);
    }
}
