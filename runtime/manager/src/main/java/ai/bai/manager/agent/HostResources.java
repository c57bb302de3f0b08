package ai.bai.manager.agent;

import ai.bai.api.BinarySize;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What this machine offers sessions: CPU cores and memory (configurable with BAI_CPU and BAI_MEM), and NVIDIA
 * GPUs when the driver lists some ({@code cuda.device} whole devices, {@code cuda.shares} fractions of them).
 */
public record HostResources(int cores, BigDecimal cpu, long mem, int gpus) {
    /** Memory kept back for the manager and the host when BAI_MEM is not set. */
    static final long RESERVED_MEM = 512L << 20;

    public static HostResources detect(String cpuSetting, String memSetting, Path procRoot) {
        int cores = Runtime.getRuntime().availableProcessors();
        BigDecimal cpu = cpuSetting == null || cpuSetting.isBlank() ? BigDecimal.valueOf(cores)
                : new BigDecimal(cpuSetting.trim());
        long mem = memSetting == null || memSetting.isBlank()
                ? Math.max(256L << 20, totalMemory(procRoot) - RESERVED_MEM) : BinarySize.parse(memSetting);
        return new HostResources(cores, cpu, mem, countGpus(procRoot));
    }

    /** Slot name to kind, as {@code GET /config/resource-slots} lists them. */
    public Map<String, String> slotKinds() {
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("cpu", "count");
        kinds.put("mem", "bytes");
        if (gpus > 0) {
            kinds.put("cuda.device", "count");
            kinds.put("cuda.shares", "count");
        }
        return kinds;
    }

    /** Slot name to the amount the machine has. */
    public Map<String, BigDecimal> slots() {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        m.put("cpu", cpu);
        m.put("mem", BigDecimal.valueOf(mem));
        if (gpus > 0) {
            m.put("cuda.device", BigDecimal.valueOf(gpus));
            m.put("cuda.shares", BigDecimal.valueOf(gpus));
        }
        return m;
    }

    private static long totalMemory(Path procRoot) {
        try {
            for (String line : Files.readAllLines(procRoot.resolve("meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through: no /proc/meminfo
        }
        return Runtime.getRuntime().maxMemory();
    }

    /** The NVIDIA driver lists one folder per GPU under /proc/driver/nvidia/gpus. */
    private static int countGpus(Path procRoot) {
        Path gpus = procRoot.resolve("driver/nvidia/gpus");
        try (var list = Files.list(gpus)) {
            return (int) list.count();
        } catch (IOException e) {
            return 0;
        }
    }
}
