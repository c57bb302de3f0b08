package ai.bai.manager.agent;

import java.util.Map;
import java.util.Set;

/** What the agent needs to start a session's kernel; {@code gpus} are the NVIDIA devices it may use. */
public record KernelSpec(String sessionId, String sessionName, String runtime, String image, long seq,
                         Map<String, String> environ, Set<Integer> uidsInUse, ResourceLimits limits,
                         java.util.List<Integer> gpus) {
}
