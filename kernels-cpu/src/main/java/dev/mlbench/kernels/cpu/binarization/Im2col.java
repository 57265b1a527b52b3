package dev.mlbench.kernels.cpu.binarization;

import dev.mlbench.tracks.binarization.BinarizationWorkload;

import java.util.Arrays;

/**
 * fp32 im2col of a channels-last image for a 3×3 convolution, stride 1, padding 1: row i (an output pixel)
 * holds the nine neighbours' C channels in tap order, zeros outside the image; channels-last makes each
 * neighbour one contiguous copy.
 */
final class Im2col {

    private Im2col() {
    }

    /** Fills {@code out} ({@code h·w × 9·C}) from {@code image} ({@code h·w × C}). */
    static void fill(BinarizationWorkload w, float[] image, float[] out) {
        int h = w.height();
        int wd = w.width();
        int c = w.channels();
        int k = 9 * c;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < wd; x++) {
                int row = (y * wd + x) * k;
                for (int tap = 0; tap < 9; tap++) {
                    int yy = y + tap / 3 - 1;
                    int xx = x + tap % 3 - 1;
                    int dst = row + tap * c;
                    if (yy >= 0 && yy < h && xx >= 0 && xx < wd) {
                        System.arraycopy(image, (yy * wd + xx) * c, out, dst, c);
                    } else {
                        Arrays.fill(out, dst, dst + c, 0f);
                    }
                }
            }
        }
    }
}
