package dev.mlbench.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;

/** Facts about the Vector API in this JVM. Loaded only after {@link VectorBackend} found the module. */
final class VectorInfo {

    private VectorInfo() {
    }

    static int preferredBitSize() {
        return VectorShape.preferredShape().vectorBitSize();
    }

    static int floatLanes() {
        return FloatVector.SPECIES_PREFERRED.length();
    }
}
