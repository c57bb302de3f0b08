package ai.bai.api;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The {@code config} object of a session creation request (v9 names, older camelCase spellings accepted). */
public record CreationConfig(
        List<String> mounts,
        @JsonProperty("mount_map") @JsonAlias("mountMap") Map<String, String> mountMap,
        @JsonProperty("mount_options") @JsonAlias("mountOptions") Map<String, Map<String, Object>> mountOptions,
        Map<String, String> environ,
        @JsonProperty("scalingGroup") @JsonAlias("scaling_group") String scalingGroup,
        Map<String, Object> resources,
        @JsonProperty("resource_opts") @JsonAlias("resourceOpts") Map<String, Object> resourceOpts,
        @JsonProperty("preopen_ports") @JsonAlias("preopenPorts") List<Integer> preopenPorts,
        @JsonProperty("agent_list") @JsonAlias("agentList") List<String> agentList) {

    public CreationConfig {
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        mountMap = mountMap == null ? Map.of() : Map.copyOf(mountMap);
        mountOptions = mountOptions == null ? Map.of() : Map.copyOf(mountOptions);
        environ = environ == null ? Map.of() : Map.copyOf(environ);
        resources = resources == null ? Map.of() : Map.copyOf(resources);
        resourceOpts = resourceOpts == null ? Map.of() : Map.copyOf(resourceOpts);
        preopenPorts = preopenPorts == null ? List.of() : List.copyOf(preopenPorts);
    }

    public static CreationConfig of(Map<String, String> environ, Map<String, Object> resources) {
        return new CreationConfig(null, null, null, environ, null, resources, null, null, null);
    }
}
