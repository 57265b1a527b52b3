package dev.mlbench.core.measure;

import dev.mlbench.core.spi.Prepared;
import dev.mlbench.core.spi.Work;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How a cold row keeps its operands out of cache: the kernel is prepared on several copies of its inputs and the timed
 * calls rotate through them, so that between two calls on one copy the others stream more than twice the last-level
 * cache through it. Calls stay back to back (no flush in or around the timed region), each one on evicted operands.
 */
public final class ColdRotation {

    /** The most copies one row rotates through (tiny working sets are not what cold rows are for). */
    static final int MAX_COPIES = 4096;
    /** What the rotation must exceed when the last-level cache size cannot be read: larger than any current one. */
    static final long UNKNOWN_CACHE_BYTES = 1L << 30;

    private ColdRotation() {
    }

    /**
     * The copies a cold row of {@code bytesPerCall} rotates through on a machine whose last-level cache holds
     * {@code llcBytes} (0: unknown): one when a call alone streams more than twice the cache, else enough that the
     * others stream twice the cache between two calls on one copy.
     */
    public static int copies(double bytesPerCall, long llcBytes) {
        long cache = llcBytes > 0 ? llcBytes : UNKNOWN_CACHE_BYTES;
        if (!(bytesPerCall > 0) || bytesPerCall >= 2.0 * cache) {
            return 1;
        }
        return (int) Math.min(MAX_COPIES, (long) Math.ceil(2.0 * cache / bytesPerCall) + 1);
    }

    /**
     * The bytes one call of a kernel moves: what the kernel reports as {@link Prepared#BYTES_MOVED} among its
     * {@code kernelMetrics} when that is finite and positive, else what the track's {@code work} counts.
     */
    public static double bytesPerCall(Work work, Map<String, Double> kernelMetrics) {
        Double reported = kernelMetrics.get(Prepared.BYTES_MOVED);
        return reported != null && Double.isFinite(reported) && reported > 0 ? reported : work.bytesMoved();
    }

    /** The copies a cold row rotates through on this machine ({@link #copies(double, long)} with the sysfs cache size). */
    public static int copies(double bytesPerCall) {
        return copies(bytesPerCall, lastLevelCacheBytes());
    }

    /** The bytes a row of {@code bytesPerCall} cycles through: its working set as the rows record it. */
    public static double workingSetBytes(double bytesPerCall, int copies) {
        return bytesPerCall * copies;
    }

    /**
     * The size of this machine's largest (last-level) CPU cache from sysfs, in bytes; 0 when it cannot be read.
     * Read from the first CPU's cache descriptions ({@code /sys/devices/system/cpu/cpu0/cache/index*}).
     */
    public static long lastLevelCacheBytes() {
        return lastLevelCacheBytes(Path.of("/sys/devices/system/cpu/cpu0/cache"));
    }

    static long lastLevelCacheBytes(Path cacheDir) {
        int bestLevel = -1;
        long bytes = 0;
        try (Stream<Path> entries = Files.list(cacheDir)) {
            for (Path index : entries.filter(p -> p.getFileName().toString().startsWith("index")).toList()) {
                try {
                    String type = Files.readString(index.resolve("type")).trim();
                    if (type.equals("Instruction")) {
                        continue;
                    }
                    int level = Integer.parseInt(Files.readString(index.resolve("level")).trim());
                    long size = parseSize(Files.readString(index.resolve("size")).trim());
                    if (level > bestLevel && size > 0) {
                        bestLevel = level;
                        bytes = size;
                    }
                } catch (IOException | NumberFormatException e) {
                    // an unreadable entry: the others may still say
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return bytes;
    }

    /** A sysfs cache size: {@code 32768K}, {@code 32M}, or bytes. */
    static long parseSize(String text) {
        String t = text.toUpperCase(Locale.ROOT);
        long scale = 1;
        if (t.endsWith("K")) {
            scale = 1L << 10;
        } else if (t.endsWith("M")) {
            scale = 1L << 20;
        } else if (t.endsWith("G")) {
            scale = 1L << 30;
        }
        String digits = scale == 1 ? t : t.substring(0, t.length() - 1);
        return Long.parseLong(digits.trim()) * scale;
    }
}
