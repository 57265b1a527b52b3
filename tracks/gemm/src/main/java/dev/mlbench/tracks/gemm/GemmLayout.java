package dev.mlbench.tracks.gemm;

import java.util.Arrays;
import java.util.Locale;

/**
 * How A and B are stored, BLAS-style: {@code N} a matrix as it is used, {@code T} its transpose. Everything
 * is row-major. In C = α·op(A)·op(B) + β·C, op(A) is m×k and op(B) is k×n:
 * <ul>
 *   <li>{@link #NN}: A stored m×k, B stored k×n;</li>
 *   <li>{@link #NT}: A stored m×k, B stored n×k (attention's Q·Kᵀ, a linear layer's x·Wᵀ);</li>
 *   <li>{@link #TN}: A stored k×m, B stored k×n.</li>
 * </ul>
 */
public enum GemmLayout {
    /** Neither operand transposed. */
    NN(false, false),
    /** B stored transposed, n×k. */
    NT(false, true),
    /** A stored transposed, k×m. */
    TN(true, false);

    private final boolean transA;
    private final boolean transB;

    GemmLayout(boolean transA, boolean transB) {
        this.transA = transA;
        this.transB = transB;
    }

    /** Whether A is stored k×m. */
    public boolean transA() {
        return transA;
    }

    /** Whether B is stored n×k. */
    public boolean transB() {
        return transB;
    }

    /** The layout named {@code nn}, {@code nt} or {@code tn} (any case). */
    public static GemmLayout parse(String name) {
        for (GemmLayout layout : values()) {
            if (layout.name().equalsIgnoreCase(name)) {
                return layout;
            }
        }
        throw new IllegalArgumentException("unknown layout '" + name + "': expected one of "
                + Arrays.stream(values()).map(GemmLayout::label).toList());
    }

    /** The lower-case name used in definitions and labels. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Index of op(A)[i][p] in A's storage. */
    public int aIndex(int i, int p, int m, int k) {
        return transA ? p * m + i : i * k + p;
    }

    /** Index of op(B)[p][j] in B's storage. */
    public int bIndex(int p, int j, int k, int n) {
        return transB ? j * k + p : p * n + j;
    }
}
