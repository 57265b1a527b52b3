package dev.mlbench.tracks.quantization;

import dev.mlbench.core.spi.Correctness;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Work;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Workloads, seeded inputs, the reference, the SQNR check (and that it fails wrong outputs), the work model. */
class QuantTrackTest {

    private static final QuantTrack TRACK = new QuantTrack();

    private static QuantWorkload workload(String op, int m, String format, String activations) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("op", op);
        v.put("m", (long) m);
        v.put("n", 64L);
        v.put("k", 512L);
        v.put("format", format);
        v.put("activations", activations);
        return TRACK.workload(new ParamValues(v));
    }

    @Test
    void workloadsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> workload("gemv", 2, "int8", "gaussian"), "gemv has m = 1");
        assertThrows(IllegalArgumentException.class, () -> workload("gemm", 2, "int3", "gaussian"));
        assertThrows(IllegalArgumentException.class, () -> workload("conv", 2, "int8", "gaussian"));
        assertThrows(IllegalArgumentException.class, () -> workload("gemm", 2, "int8", "uniform"));
        assertEquals("gemm mxfp4 outliers 2x64x512", TRACK.label(workload("gemm", 2, "mxfp4", "outliers")));
        assertEquals("quantize int8 gaussian 2x512", TRACK.label(workload("quantize", 2, "int8", "gaussian")));
    }

    @Test
    void inputsAreSeededAndOutliersAreSystematicChannels() {
        QuantWorkload w = workload("gemm", 8, "int8", "outliers");
        QuantInputs a = TRACK.inputs(w, 11);
        assertArrayEquals(a.x(), TRACK.inputs(w, 11).x());
        assertArrayEquals(a.w(), TRACK.inputs(w, 11).w());
        float[] colMax = new float[512];
        Codec.columnAbsMax(a.x(), 512, 0, 8, colMax);
        int big = 0;
        for (float c : colMax) {
            big += c > 8 ? 1 : 0;
        }
        assertEquals(1, big, "k / 512 = 1 outlier channel, at least 10× a standard normal in every row");
        QuantInputs g = TRACK.inputs(workload("gemm", 8, "int8", "gaussian"), 11);
        assertArrayEquals(a.w(), g.w(), "the same weights with and without outliers");
    }

    @Test
    void theExactProductPassesAndWrongOutputsFail() {
        for (String format : QuantFormat.names()) {
            QuantWorkload w = workload("gemm", 3, format, "outliers");
            QuantInputs in = TRACK.inputs(w, 5);
            double[] ref = TRACK.reference(w, in);
            QuantInputs dq = QuantTrack.dequantized(w, in);
            float[] quantized = toFloat(QuantTrack.product(dq.x(), dq.w(), w.m(), w.n(), w.k()));
            Correctness ok = TRACK.check(w, quantized, ref, TRACK.defaultTolerance());
            assertTrue(ok.passed(), format + ": " + ok.detail());
            assertTrue(ok.metrics().get("sqnr_db") >= ok.metrics().get("sqnr_floor_db"));
            assertTrue(ok.metrics().get("cosine") > 0.9);
            // a kernel that drops the scale of every other output channel, or returns zeros, or NaN, fails
            float[] wrong = quantized.clone();
            for (int i = 0; i < wrong.length; i += 2) {
                wrong[i] *= 0.5f;
            }
            assertFalse(TRACK.check(w, wrong, ref, TRACK.defaultTolerance()).passed(), format + " half-scaled outputs");
            assertFalse(TRACK.check(w, new float[ref.length], ref, TRACK.defaultTolerance()).passed(), format + " zeros");
            float[] nan = quantized.clone();
            nan[1] = Float.NaN;
            assertFalse(TRACK.check(w, nan, ref, TRACK.defaultTolerance()).passed(), format + " NaN");
        }
    }

    @Test
    void workModel() {
        Work gemv = TRACK.work(workload("gemv", 1, "int4-g32", "gaussian"));
        assertEquals(2.0 * 64 * 512, gemv.ops());
        assertEquals(4.0 * (512 + 64 * 512 + 64), gemv.bytesMoved());
        Work q = TRACK.work(workload("quantize", 4, "int8", "gaussian"));
        assertEquals(4.0 * 512, q.ops());
        assertEquals(Work.OpUnit.INT_OP, q.unit());
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
