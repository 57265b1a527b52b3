package dev.mlbench.kernels.cpu.quant;

import dev.mlbench.tracks.quantization.MxCodec;
import jdk.incubator.vector.IntVector;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The register decoders of E2M1, both of them (the integer formula is the path on machines whose float
 * vectors have fewer than 16 lanes, so it is tested here directly), against the codec's values.
 */
class QuantVectorTest {

    @Test
    void e2m1DecodersMatchTheCodecForEveryCode() {
        int[] codes = new int[QuantVector.L];
        for (int start = 0; start < 16; start += QuantVector.L) {
            for (int l = 0; l < QuantVector.L; l++) {
                codes[l] = (start + l) % 16;
            }
            IntVector v = IntVector.fromArray(QuantVector.I, codes, 0);
            int[] twice = QuantVector.twiceFp4(v).toArray();
            float[] twiceFloat = QuantVector.twiceFp4Float(v).toArray();
            for (int l = 0; l < QuantVector.L; l++) {
                float expected = 2 * MxCodec.fp4Value(codes[l]);
                assertEquals(expected, twice[l] + 0f, 0f, "integer formula, code " + codes[l] + " (±0 alike)");
                // ±0 alike here too: the sign of a zero weight cannot change a dot product, and the permute of
                // JDK 25.0.3 returns the table's -0f as +0f.
                assertEquals(expected, twiceFloat[l], 0f, "float decode, code " + codes[l] + " (±0 alike)");
            }
        }
    }
}
