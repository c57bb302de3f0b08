package ai.bai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Reply of {@code GET /session/{ref}} (the upstream keys), plus {@code sessionId}, {@code sessionName},
 * {@code type}, {@code result}, {@code exitCode}, {@code statusHistory} and {@code enforcement} that bai adds.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SessionInfo(
        String sessionId, String sessionName, String type, long age, String domainName, String groupId,
        String userId, String lang, String image, String architecture, String registry, String tag,
        String containerId, Map<String, Object> occupiedSlots, Map<String, Object> occupyingSlots,
        Map<String, Object> requestedSlots, Map<String, Object> occupiedShares, Map<String, String> environ,
        Map<String, Object> resourceOpts, String status, String statusInfo, Object statusData,
        String creationTime, String terminationTime, int numQueriesExecuted, Object lastStat, Object idleChecks,
        String result, Integer exitCode, Map<String, String> statusHistory, String enforcement) {
}
