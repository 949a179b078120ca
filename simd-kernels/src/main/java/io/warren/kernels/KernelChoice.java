package io.warren.kernels;

/**
 * Picks {@link SparseKernels#defaultKernels()} once. The vector kernels need the incubating
 * {@code jdk.incubator.vector} module ({@code --add-modules jdk.incubator.vector}); without it, or with
 * {@code -Dwarren.kernels=scalar}, the scalar ones are used. Both compute the same bits.
 */
final class KernelChoice {
    static final SparseKernels DEFAULT = choose();

    private KernelChoice() {}

    private static SparseKernels choose() {
        boolean vectorModule = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (!vectorModule || "scalar".equals(System.getProperty("warren.kernels"))) {
            return ScalarKernels.INSTANCE;
        }
        return VectorKernels.INSTANCE;
    }
}
