package ai.bai.manager.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.bai.api.Json;
import ai.bai.api.SessionCreateRequest;
import ai.bai.manager.agent.ImageCatalog;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SessionRequestsTest {
    final SessionRequests requests = new SessionRequests(new ImageCatalog(false, "3.11.2"), ResourceSlots.intrinsic(),
            new Capacity(Map.of("cpu", BigDecimal.valueOf(4), "mem", BigDecimal.valueOf(8L << 30)), 4, 0),
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    CreationPlan validate(String json) {
        return requests.validate(Json.read(json, SessionCreateRequest.class));
    }

    @Test
    void imageMinimumsFillOmittedSlotsAndAmountsAreCanonical() {
        var plan = validate("{\"name\":\"abcd\",\"image\":\"python\",\"config\":{\"resources\":{\"cpu\":\"2.50\"}}}");
        assertEquals("2.5", plan.spec().resources().get("cpu"));
        assertEquals(String.valueOf(64L << 20), plan.spec().resources().get("mem"));
        var mem = validate("{\"name\":\"abcd\",\"image\":\"python\",\"config\":{\"resources\":{\"mem\":\"1.5g\"}}}");
        assertEquals(String.valueOf(1536L << 20), mem.spec().resources().get("mem"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abcd", "my-session.1", "a_b_c_d", "0123", "a", "ab"})
    void acceptsUpstreamSessionNames(String name) {
        assertEquals(name, SessionRequests.checkName(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-abcd", "abcd-", "a b c d", "from-template", "ünï-code", "a/bcd", "-", ".a"})
    void refusesOtherNames(String name) {
        assertThrows(IllegalArgumentException.class, () -> SessionRequests.checkName(name));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"name\":\"abcd\",\"image\":\"python\",\"config\":{\"resources\":{\"gpu\":1}}} | Unknown requested resource slot: gpu",
            "{\"name\":\"abcd\",\"image\":\"python\",\"config\":{\"resources\":{\"cpu\":\"x\"}}} | invalid amount 'x' for slot cpu",
            "{\"name\":\"abcd\",\"image\":\"python\",\"config\":{\"resources\":{\"mem\":\"1m\"}}} | below the minimum of image python",
            "{\"name\":\"abcd\",\"image\":\"python\",\"config\":{\"environ\":{\"1X\":\"v\"}}} | invalid environment variable name '1X'",
            "{\"name\":\"abcd\",\"image\":\"python\",\"clusterSize\":2} | cluster size 2 is not possible",
            "{\"name\":\"abcd\",\"image\":\"python\",\"maxWaitSeconds\":-1} | maxWaitSeconds must be 0",
            "{\"name\":\"abcd\",\"image\":\"python\",\"type\":\"inference\"} | session type 'inference' is not supported",
            "{\"name\":\"abcd\",\"image\":\"python\",\"type\":\"batch\"} | a batch session needs a startup command",
            "{\"name\":\"abcd\",\"image\":\"python\",\"config\":{\"resources\":{\"cpu\":\"999\"}}} | requested cpu=999 is more than this machine can ever give (capacity: cpu=4, mem=8g)",
            "{\"name\":\"abcd\",\"image\":\"python\",\"priority\":101} | priority must be 0..100, not 101",
            "{\"name\":\"abcd\",\"image\":\"python\",\"type\":\"batch\",\"startupCommand\":\"x\",\"starts_at\":\"2020-01-01T00:00:00+00:00\"} | is in the past",
            "{\"name\":\"abcd\",\"image\":\"python\",\"type\":\"batch\",\"startupCommand\":\"x\",\"starts_at\":\"soon\"} | invalid start time 'soon'",
            "{\"name\":\"abcd\",\"image\":\"python\",\"starts_at\":\"10m\"} | starts_at applies to batch sessions only",
            "{\"name\":\"abcd\",\"image\":\"python\",\"config\":{\"resource_opts\":{\"shmem\":\"lots\"}}} | resource option shmem",
            "{\"image\":\"python\"} | missing session name",
            "{\"name\":\"abcd\"} | missing image"})
    void refusesBadRequestsNamingTheProblem(String json, String message) {
        var e = assertThrows(IllegalArgumentException.class, () -> validate(json));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
