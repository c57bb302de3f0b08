package ai.bai.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A service a session offers (an "app"): protocol is http, tcp, pty, preopen, vnc or rdp. */
public record ServicePort(String name, String protocol, List<Integer> ports,
                          @JsonProperty("url_template") String urlTemplate,
                          @JsonProperty("allowed_arguments") Object allowedArguments,
                          @JsonProperty("allowed_envs") Object allowedEnvs) {
    public ServicePort {
        ports = ports == null ? List.of() : List.copyOf(ports);
    }
}
