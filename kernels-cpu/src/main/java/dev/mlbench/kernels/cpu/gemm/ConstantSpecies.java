package dev.mlbench.kernels.cpu.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A float species that C2 sees as a constant. The Vector API compiles to SIMD instructions only where the
 * species is a compile-time constant; a species held in an instance field is not, and such code runs tens of
 * times slower. Each size is a subclass returning a static constant, so hot code that reads
 * {@code species.get()} is inlined through the call's type profile, which has one receiver in a JVM that
 * runs one size (every benchmark JVM). Tests that mix sizes in one JVM are slower, not wrong.
 */
abstract class ConstantSpecies {

    /** The species, as a constant once this call is inlined. */
    abstract VectorSpecies<Float> get();

    /** The preferred species, or vectors of {@code bitSize} bits (0: preferred). */
    static ConstantSpecies of(int bitSize) {
        int bits = bitSize == 0 ? FloatVector.SPECIES_PREFERRED.vectorBitSize() : bitSize;
        return switch (bits) {
            case 512 -> new Bits512();
            case 256 -> new Bits256();
            case 128 -> new Bits128();
            default -> throw new IllegalArgumentException("no float species of " + bits + " bits is supported (128, 256 or 512)");
        };
    }

    private static final class Bits512 extends ConstantSpecies {
        @Override
        VectorSpecies<Float> get() {
            return FloatVector.SPECIES_512;
        }
    }

    private static final class Bits256 extends ConstantSpecies {
        @Override
        VectorSpecies<Float> get() {
            return FloatVector.SPECIES_256;
        }
    }

    private static final class Bits128 extends ConstantSpecies {
        @Override
        VectorSpecies<Float> get() {
            return FloatVector.SPECIES_128;
        }
    }
}
