package ai.bai.manager.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scheduling decisions: order, backfill, policies, deferred starts, and what each admitted session holds. */
class SchedulerTest {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    final List<String> started = new ArrayList<>();
    final Map<String, Allocation> given = new HashMap<>();
    final Map<String, Scheduler.Waiting> waiting = new HashMap<>();
    ResourcePolicy policy = new ResourcePolicy("default", 0, Map.of(), 1800, 0);
    final Capacity capacity = new Capacity(Map.of("cpu", BigDecimal.valueOf(4), "mem", BigDecimal.valueOf(8L << 30),
            "cuda.device", BigDecimal.valueOf(2), "cuda.shares", BigDecimal.valueOf(2)), 4, 2);
    final Scheduler scheduler = new Scheduler(capacity, ak -> policy, waiting::putAll,
            Clock.fixed(NOW, ZoneOffset.UTC));

    SchedulerTest() {
        scheduler.launchWith((id, allocation) -> {
            started.add(id);
            given.put(id, allocation);
        });
    }

    void queue(String id, int priority, long seq, String cpu) {
        queue(id, priority, seq, Map.of("cpu", cpu, "mem", String.valueOf(1L << 30)), null);
    }

    void queue(String id, int priority, long seq, Map<String, String> resources, Instant startsAt) {
        scheduler.enqueue(new Scheduler.Queued(id, "AK", priority, seq, resources, startsAt));
    }

    @Test
    void higherPriorityFirstThenOlder() {
        queue("old-low", 10, 1, "2");
        queue("new-high", 50, 3, "2");
        queue("new-low", 10, 2, "2");
        scheduler.pass();
        assertEquals(List.of("new-high", "old-low"), started);
        assertEquals("no-available-instances", waiting.get("new-low").info());
    }

    @Test
    void smallerRequestsBackfillBehindOneThatDoesNotFit() {
        queue("running", 10, 1, "3");
        scheduler.pass();
        queue("big", 10, 2, "2");
        queue("small", 10, 3, "1");
        scheduler.pass();
        assertEquals(List.of("running", "small"), started);
        scheduler.release("running");
        scheduler.pass();
        assertEquals(List.of("running", "small", "big"), started);
    }

    @Test
    void theConcurrencyPolicyHoldsSessionsWithPredicateChecksFailed() {
        policy = new ResourcePolicy("default", 1, Map.of(), 1800, 0);
        queue("first", 10, 1, "1");
        queue("second", 10, 2, "1");
        scheduler.pass();
        assertEquals(List.of("first"), started);
        assertEquals("predicate-checks-failed", waiting.get("second").info());
        assertTrue(waiting.get("second").data().contains("concurrent sessions"));
    }

    @Test
    void theTotalSlotPolicyCountsWhatTheOwnerHolds() {
        policy = new ResourcePolicy("default", 0, Map.of("cpu", "2"), 1800, 0);
        queue("one", 10, 1, "2");
        queue("two", 10, 2, "1");
        scheduler.pass();
        assertEquals(List.of("one"), started);
        assertTrue(waiting.get("two").data().contains("keypair_resource_limit"));
    }

    @Test
    void deferredSessionsWaitForTheirTime() {
        queue("later", 10, 1, Map.of("cpu", "1"), NOW.plusSeconds(600));
        queue("now", 10, 2, Map.of("cpu", "1"), NOW.minusSeconds(1));
        scheduler.pass();
        assertEquals(List.of("now"), started);
        assertEquals(1, scheduler.queued());
    }

    @Test
    void cancelledSessionsLeaveTheQueue() {
        policy = new ResourcePolicy("default", 1, Map.of(), 1800, 0);
        queue("first", 10, 1, "1");
        scheduler.pass();
        queue("gone", 10, 2, "1");
        assertTrue(scheduler.cancel("gone"));
        scheduler.release("first");
        scheduler.pass();
        assertEquals(List.of("first"), started);
    }

    @Test
    void coresAndGpusGoToTheLeastUsedDevices() {
        queue("a", 10, 1, Map.of("cpu", "2", "cuda.device", "1"), null);
        queue("b", 10, 2, Map.of("cpu", "1.5", "cuda.shares", "0.5"), null);
        scheduler.pass();
        assertEquals(new Allocation(List.of(0, 1), List.of(0)), given.get("a"));
        assertEquals(new Allocation(List.of(2, 3), List.of(1)), given.get("b"));
    }

    @Test
    void requestsLargerThanTheMachineAreRefusedNamingTheCapacity() {
        var e = assertThrows(IllegalArgumentException.class, () -> capacity.checkPossible(Map.of("cpu", "999")));
        assertEquals("requested cpu=999 is more than this machine can ever give (capacity: cpu=4, cuda.device=2, "
                + "cuda.shares=2, mem=8g)", e.getMessage());
    }

    @Test
    void aPassOverTenThousandQueuedSessionsIsQuick() {
        policy = new ResourcePolicy("default", 0, Map.of(), 1800, 0);
        queue("hog", 10, 0, "4");
        scheduler.pass();
        for (int i = 1; i <= 10_000; i++) {
            queue("q" + i, i % 100, i, "1");
        }
        Scheduler.Pass pass = scheduler.pass();
        assertEquals(10_000, pass.examined());
        assertEquals(0, pass.started());
    }
}
