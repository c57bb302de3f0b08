package ai.bai.manager;

import ai.bai.manager.agent.SessionUsers;
import java.util.Map;

/**
 * Settings of an embedded manager.
 *
 * @param port         0 picks a free port
 * @param python       an interpreter for the python image, or null to find one
 * @param strictImages refuse seed-style image names instead of falling back to the local runtime
 * @param scratch      where session folders go, or null for the default
 * @param cpu          CPU slots to offer (BAI_CPU), or null for the host's cores
 * @param mem          memory to offer (BAI_MEM), or null for the host's memory less a reserve
 */
public record ManagerConfig(ManagerFiles files, String host, int port, String python, boolean strictImages,
                            int sessionUidBase, String scratch, String cpu, String mem) {

    public static ManagerConfig fromEnvironment(Map<String, String> env) {
        return new ManagerConfig(ManagerFiles.fromEnvironment(env), "127.0.0.1",
                Integer.parseInt(env.getOrDefault("BAI_PORT", "0")), env.get("BAI_PYTHON"),
                Boolean.parseBoolean(env.getOrDefault("BAI_STRICT_IMAGES", "false")),
                Integer.parseInt(env.getOrDefault("BAI_SESSION_UID_BASE", String.valueOf(SessionUsers.DEFAULT_BASE))),
                env.get("BAI_SCRATCH"), env.get("BAI_CPU"), env.get("BAI_MEM"));
    }
}
