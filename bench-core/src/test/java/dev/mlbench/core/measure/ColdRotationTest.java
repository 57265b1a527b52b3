package dev.mlbench.core.measure;

import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.core.spi.Work;
import dev.mlbench.core.testtrack.AxpyKernel;
import dev.mlbench.core.testtrack.AxpyTrack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cold rows: how many copies of the operands, read from which cache size, and that the timed calls rotate through them. */
class ColdRotationTest {

    private static final long MIB = 1L << 20;

    @Test
    void copiesMakeTheOthersStreamTwiceTheCacheBetweenTwoCallsOnOne() {
        long llc = 32 * MIB;
        assertEquals(5, ColdRotation.copies(16 * MIB, llc), "int8 4096x4096 weights: 4 others x 16 MiB = 64 MiB");
        assertEquals(1, ColdRotation.copies(64 * MIB, llc), "a call that streams twice the cache by itself");
        assertEquals(1, ColdRotation.copies(512 * MIB, llc));
        assertEquals(3, ColdRotation.copies(63 * MIB, llc), "just below: two others, 126 MiB");
        for (double bytes : new double[] {1, 4096, 3 * MIB + 7, 20 * MIB, 40 * MIB}) {
            int n = ColdRotation.copies(bytes, llc);
            assertTrue((n - 1) * bytes >= 2.0 * llc || n == ColdRotation.MAX_COPIES, bytes + " bytes: " + n + " copies");
            assertTrue((n - 2) * bytes < 2.0 * llc, bytes + " bytes: " + n + " copies is more than needed");
        }
        assertEquals(ColdRotation.MAX_COPIES, ColdRotation.copies(64, llc), "tiny working sets are capped");
        assertEquals(ColdRotation.copies(16 * MIB, ColdRotation.UNKNOWN_CACHE_BYTES), ColdRotation.copies(16 * MIB, 0),
                "an unreadable cache size is taken as larger than any current one, never as zero");
        assertEquals(1, ColdRotation.copies(0, llc));
        assertEquals(80 * MIB, ColdRotation.workingSetBytes(16 * MIB, 5), 0);
    }

    /** A quantized kernel's int8 codes, not the fp32 weights its track counts, decide how many copies leave the cache. */
    @Test
    void theBytesAKernelReportsDecideItsCopies() {
        Work fp32Weights = new Work(2.0 * 4096 * 4096, 4.0 * 4096 * 4096);
        assertEquals(4.0 * 4096 * 4096, ColdRotation.bytesPerCall(fp32Weights, Map.of()));
        assertEquals(16.0 * MIB, ColdRotation.bytesPerCall(fp32Weights, Map.of(Prepared.BYTES_MOVED, 16.0 * MIB)));
        assertEquals(4.0 * 4096 * 4096, ColdRotation.bytesPerCall(fp32Weights, Map.of(Prepared.BYTES_MOVED, Double.NaN)), "not a size");
        assertEquals(4.0 * 4096 * 4096, ColdRotation.bytesPerCall(fp32Weights, Map.of(Prepared.BYTES_MOVED, 0.0)), "not a size");
        long llc = 480 * MIB;
        assertEquals(16, ColdRotation.copies(64 * MIB, llc));
        assertEquals(61, ColdRotation.copies(16 * MIB, llc), "four times the copies for a quarter of the bytes");
    }

    @Test
    void theSessionAsksForItsCopiesWithTheFirstPreparedKernelsMetrics() throws Exception {
        AxpyTrack track = new AxpyTrack();
        AxpyTrack.Shape shape = new AxpyTrack.Shape(37, 2.0);
        AtomicInteger made = new AtomicInteger();
        List<Map<String, Double>> asked = new ArrayList<>();
        try (KernelSession session = KernelSession.open(new AxpyKernel(), shape, () -> {
            made.incrementAndGet();
            return track.inputs(shape, 7);
        }, metrics -> {
            asked.add(metrics);
            return 4;
        }, ParamValues.empty(), 1)) {
            assertEquals(1, asked.size(), "asked once, after the first copy");
            assertEquals(Map.of("passes", 1.0), asked.get(0), "the metrics of AxpyKernel's prepared operation");
            assertEquals(4, session.copies());
            assertEquals(4, made.get());
        }
    }

    @Test
    void theLastLevelCacheIsTheLargestLevelOfDataOrUnifiedCache(@TempDir Path dir) throws IOException {
        cache(dir, "index0", 1, "Data", "48K");
        cache(dir, "index1", 1, "Instruction", "32K");
        cache(dir, "index2", 2, "Unified", "1024K");
        cache(dir, "index3", 3, "Unified", "32768K");
        assertEquals(32 * MIB, ColdRotation.lastLevelCacheBytes(dir));
        Files.writeString(dir.resolve("index3/size"), "garbage");
        assertEquals(MIB, ColdRotation.lastLevelCacheBytes(dir), "an unreadable entry leaves the others");
        assertEquals(0, ColdRotation.lastLevelCacheBytes(dir.resolve("absent")));
        assertEquals(2L << 30, ColdRotation.parseSize("2G"));
        assertEquals(12345, ColdRotation.parseSize("12345"));
    }

    private static void cache(Path dir, String index, int level, String type, String size) throws IOException {
        Path d = Files.createDirectories(dir.resolve(index));
        Files.writeString(d.resolve("level"), level + "\n");
        Files.writeString(d.resolve("type"), type + "\n");
        Files.writeString(d.resolve("size"), size + "\n");
    }

    @Test
    void timedCallsRotateThroughCopiesEachPreparedOnItsOwnInputs() throws Exception {
        AxpyTrack track = new AxpyTrack();
        AxpyTrack.Shape shape = new AxpyTrack.Shape(37, 2.0);
        AtomicInteger made = new AtomicInteger();
        List<Object> outputs = new ArrayList<>();
        try (KernelSession session = KernelSession.open(new AxpyKernel(), shape, () -> {
            made.incrementAndGet();
            return track.inputs(shape, 7);
        }, metrics -> 3, ParamValues.empty(), 1)) {
            assertEquals(3, session.copies());
            assertEquals(3, made.get(), "one set of inputs per copy");
            for (int i = 0; i < 6; i++) {
                session.run();
                outputs.add(session.output());
            }
            assertEquals(37.0, session.iterationCounters().get("elements_per_op"), "counters averaged over the copies");
        }
        assertNotSame(outputs.get(0), outputs.get(1));
        assertNotSame(outputs.get(1), outputs.get(2));
        assertNotSame(outputs.get(0), outputs.get(2));
        assertSame(outputs.get(0), outputs.get(3), "back to the first copy after three calls");
        assertSame(outputs.get(2), outputs.get(5));
    }
}
