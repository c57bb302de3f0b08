package ai.bai.manager.session;

import java.util.List;

/**
 * The CPU cores and GPUs a session holds besides its slot amounts: ceil(cpu) cores for affinity, and ceil of its
 * {@code cuda.device} or {@code cuda.shares} GPUs, the least used ones, for CUDA_VISIBLE_DEVICES.
 */
public record Allocation(List<Integer> cores, List<Integer> gpus) {
    public static final Allocation NONE = new Allocation(List.of(), List.of());

    public Allocation {
        cores = cores == null ? List.of() : List.copyOf(cores);
        gpus = gpus == null ? List.of() : List.copyOf(gpus);
    }
}
