package dev.mlbench.kernels.cpu.binarization;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.tracks.binarization.BinarizationInputs;
import dev.mlbench.tracks.binarization.BinarizationOutput;
import dev.mlbench.tracks.binarization.BinarizationWorkload;
import dev.mlbench.tracks.binarization.BinarizedLayer;
import dev.mlbench.tracks.binarization.BinaryOp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Future;

/**
 * One binarized operator run with a {@link BinaryMath}: the weights binarized once when built (offline),
 * then per run: pack the activations with their scales, for conv3x3 gather each output pixel's nine packed
 * neighbours (im2col on words: the pixels are packed once, channels-last, so a patch row is nine copies of
 * {@code words(C)} words, with zero words, i.e. +1, outside the image), and multiply. Rows are split over the
 * run's threads in blocks of four.
 */
final class BinaryPipeline {

    private final BinarizationWorkload w;
    private final BinarizationInputs in;
    private final BinaryMath math;
    private final KernelConfig config;
    private final BinarizedLayer layer;
    private final long[] weights;
    private final float[] columnScales;
    /** Packed activation rows (pixels for conv3x3), {@code wordsPerGroup} each. */
    private final long[] packed;
    private final float[] absSums;
    /** conv3x3: the patch rows, {@code wordsPerRow} each; otherwise {@link #packed}. */
    private final long[] rows;
    private final float[] rowScales;
    private final float[] y;
    private final int[][] chunks;

    BinaryPipeline(BinarizationWorkload w, BinarizationInputs in, BinaryMath math, KernelConfig config) {
        this.w = w;
        this.in = in;
        this.math = math;
        this.config = config;
        this.layer = BinarizedLayer.of(w, in);
        this.weights = math.layoutWeights(layer.weightBits(), w.columns(), w.wordsPerRow());
        this.columnScales = math.layoutScales(layer.weightScales(), w.columns());
        int m = w.rows();
        this.packed = new long[m * w.wordsPerGroup()];
        this.absSums = layer.meanAbsRows() ? new float[m] : null;
        this.rows = w.op() == BinaryOp.CONV3X3 ? new long[m * w.wordsPerRow()] : packed;
        this.rowScales = new float[m];
        if (layer.staticRowScales() != null) {
            System.arraycopy(layer.staticRowScales(), 0, rowScales, 0, m);
        } else {
            Arrays.fill(rowScales, 1f);
        }
        this.y = w.op() == BinaryOp.PACK ? null : new float[m * w.columns()];
        this.chunks = chunks(m, config.threads());
    }

    /** Row ranges, one per thread, cut at multiples of four rows. */
    static int[][] chunks(int rows, int threads) {
        int blocks = (rows + 3) / 4;
        int parts = Math.max(1, Math.min(threads, blocks));
        int[][] out = new int[parts][];
        for (int t = 0; t < parts; t++) {
            out[t] = new int[] {Math.min(rows, blocks * t / parts * 4), Math.min(rows, blocks * (t + 1) / parts * 4)};
        }
        return out;
    }

    void run() throws Exception {
        if (w.op() == BinaryOp.CONV3X3) {
            forEachChunk(this::pack);
            forEachChunk(this::gatherAndMultiply);
        } else {
            forEachChunk((from, to) -> {
                pack(from, to);
                if (y != null) {
                    multiply(from, to);
                }
            });
        }
    }

    /** Bytes of the packed weights in this kernel's layout and of their scales. */
    double weightBytes() {
        return 8.0 * weights.length + 4.0 * columnScales.length;
    }

    BinarizationOutput output() {
        if (w.op() == BinaryOp.PACK) {
            return BinarizationOutput.packed(packed, layer.meanAbsRows() ? rowScales : new float[0]);
        }
        return BinarizationOutput.binary(y);
    }

    private interface RowTask {
        void run(int from, int to);
    }

    private void forEachChunk(RowTask task) throws Exception {
        if (chunks.length == 1) {
            task.run(chunks[0][0], chunks[0][1]);
            return;
        }
        List<Future<?>> running = new ArrayList<>(chunks.length);
        for (int[] c : chunks) {
            running.add(config.pool().submit(() -> task.run(c[0], c[1])));
        }
        for (Future<?> f : running) {
            f.get();
        }
    }

    private void pack(int from, int to) {
        math.pack(in.activations(), w.groupLength(), layer.thresholds(), from, to, packed, absSums);
        if (absSums != null && w.op() != BinaryOp.CONV3X3) {
            float inverse = 1f / w.groupLength();
            for (int i = from; i < to; i++) {
                rowScales[i] = absSums[i] * inverse;
            }
        }
    }

    private void multiply(int from, int to) {
        math.multiply(rows, weights, w.columns(), w.wordsPerRow(), w.bits(), from, to, rowScales, columnScales, y);
    }

    /** im2col on packed words for output pixels [from, to), XNOR-Net's patch means, then the GEMM. */
    private void gatherAndMultiply(int from, int to) {
        int h = w.height();
        int wd = w.width();
        int g = w.wordsPerGroup();
        int rowWords = w.wordsPerRow();
        float inverse = 1f / w.bits();
        for (int i = from; i < to; i++) {
            int py = i / wd;
            int px = i % wd;
            float abs = 0;
            for (int tap = 0; tap < 9; tap++) {
                int yy = py + tap / 3 - 1;
                int xx = px + tap % 3 - 1;
                int dst = i * rowWords + tap * g;
                if (yy >= 0 && yy < h && xx >= 0 && xx < wd) {
                    int pixel = yy * wd + xx;
                    System.arraycopy(packed, pixel * g, rows, dst, g);
                    if (absSums != null) {
                        abs += absSums[pixel];
                    }
                } else {
                    Arrays.fill(rows, dst, dst + g, 0L);
                }
            }
            if (absSums != null) {
                rowScales[i] = abs * inverse;
            }
        }
        multiply(from, to);
    }
}
