package ai.bai.manager.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostResourcesTest {
    @TempDir
    Path proc;

    @Test
    void nvidiaGpusBecomeCudaSlots() throws IOException {
        Files.writeString(proc.resolve("meminfo"), "MemTotal:       16777216 kB\nMemFree: 1 kB\n");
        for (String bus : List.of("0000:17:00.0", "0000:65:00.0")) {
            Files.createDirectories(proc.resolve("driver/nvidia/gpus").resolve(bus));
        }
        HostResources host = HostResources.detect("8", null, proc);
        assertEquals(2, host.gpus());
        assertEquals(Map.of("cpu", "count", "mem", "bytes", "cuda.device", "count", "cuda.shares", "count"),
                host.slotKinds());
        assertEquals(BigDecimal.valueOf(2), host.slots().get("cuda.shares"));
        assertEquals((16L << 30) - HostResources.RESERVED_MEM, host.mem());
        assertEquals(new BigDecimal("8"), host.cpu());
    }

    @Test
    void withoutADriverThereAreOnlyCpuAndMemory() throws IOException {
        Files.writeString(proc.resolve("meminfo"), "MemTotal:       4194304 kB\n");
        HostResources host = HostResources.detect(null, "2g", proc);
        assertEquals(0, host.gpus());
        assertEquals(Map.of("cpu", "count", "mem", "bytes"), host.slotKinds());
        assertEquals(2L << 30, host.mem());
    }
}
