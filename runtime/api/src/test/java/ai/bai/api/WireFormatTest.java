package ai.bai.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireFormatTest {
    @Test
    void consoleItemsAreTwoElementArrays() {
        var r = new ExecutionResult("r1", "finished", 0, List.of(ConsoleItem.stdout("hi\n"),
                new ConsoleItem("media", List.of("image/png", "data:..."))), Map.of(), List.of());
        String json = Json.write(r);
        assertTrue(json.contains("\"console\":[[\"stdout\",\"hi\\n\"],[\"media\",[\"image/png\",\"data:...\"]]]"), json);
        assertEquals(r, Json.read(json, ExecutionResult.class));
    }

    @Test
    void executeRequestsCarryTheRunIdUnderBothSpellingsEvenWhenNull() {
        String json = Json.write(ExecuteRequest.query("print(1)").toWire());
        assertTrue(json.contains("\"runId\":null") && json.contains("\"run_id\":null"), json);
        assertEquals("abc", Json.read("{\"mode\":\"continue\",\"run_id\":\"abc\"}", ExecuteRequest.class).runId());
        assertEquals("abc", Json.read("{\"mode\":\"continue\",\"runId\":\"abc\"}", ExecuteRequest.class).runId());
    }

    @Test
    void creationRequestsAcceptTheAliasesServersAccept() {
        var r = Json.read("{\"clientSessionToken\":\"abcd\",\"lang\":\"python\",\"sessionType\":\"batch\","
                + "\"groupName\":\"g\",\"domainName\":\"d\",\"config\":{\"mountMap\":{\"a\":\"b\"},"
                + "\"resourceOpts\":{\"shmem\":\"64m\"},\"scaling_group\":\"sg\"}}", SessionCreateRequest.class);
        assertEquals("abcd", r.name());
        assertEquals("python", r.image());
        assertEquals("batch", r.type());
        assertEquals("g", r.group());
        assertEquals("d", r.domain());
        assertEquals(Map.of("a", "b"), r.config().mountMap());
        assertEquals("64m", r.config().resourceOpts().get("shmem"));
        assertEquals("sg", r.config().scalingGroup());
    }

    @Test
    void olderApiVersionsGetNoPriorityOrBatchTimeout() {
        var r = new SessionCreateRequest("abcd", "python", null, null, null, null, null, null, null, null, null, null,
                null, null, "30s", 50, null, null, null, null, null);
        String v6 = Json.write(r.forVersion(ApiVersion.V6_20220315));
        String v9 = Json.write(r.forVersion(ApiVersion.V9_20250722));
        assertTrue(!v6.contains("priority") && !v6.contains("batch_timeout"), v6);
        assertTrue(v9.contains("\"priority\":50") && v9.contains("\"batch_timeout\":\"30s\""), v9);
    }

    @Test
    void problemsExposeTheirSlug() {
        var p = Json.read("{\"type\":\"https://api.backend.ai/probs/object-not-found\",\"title\":\"No such session.\"}",
                Problem.class);
        assertEquals("object-not-found", p.slug());
    }

    @Test
    void lifecycleEventsRoundTripThroughTheirPayload() {
        var e = new LifecycleEvent.KernelEvent(7, "kernel_started", "sid", "name", "AK", "kid", null, null);
        var back = LifecycleEvent.from(7, "kernel_started", Json.read(Json.write(e.payload()), Map.class));
        assertEquals(e, back);
        assertTrue(new LifecycleEvent.SessionEvent(1, "session_terminated", "s", "n", "a", null, null).isTerminal());
    }
}
