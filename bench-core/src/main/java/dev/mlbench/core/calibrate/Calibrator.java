package dev.mlbench.core.calibrate;

import dev.mlbench.core.env.Environment;
import dev.mlbench.core.results.ResultStore;
import dev.mlbench.core.spi.PeakFlopsProbe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures and caches this host's peaks: FP32 FMA rate (through a backend's {@link PeakFlopsProbe}),
 * STREAM-triad memory bandwidth and fsync'ed disk write bandwidth. Cached per host and JVM in
 * {@code cacheDir/calibration-<hostKey>.json}.
 */
public final class Calibrator {

    /** Elements per STREAM array: 3 arrays of 2^24 doubles = 384 MiB, far beyond any last-level cache. */
    static final int STREAM_ELEMENTS = 1 << 24;
    static final int STREAM_REPEATS = 10;
    static final long PEAK_MILLIS = 1000;
    static final int DISK_BYTES = 256 << 20;

    private final Path cacheDir;

    /**
     * Changes whenever a calibration method changes what it measures, so that caches of the old method are measured
     * again rather than trusted. 2: the FMA peak loop in accumulate form, warmed up as it is timed (the first form
     * read 35 to 62 GFLOP/s on a Zen core where OpenBLAS ran at 88).
     */
    static final String METHODS_VERSION = "3";

    public Calibrator(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    /** The default cache folder: $XDG_CACHE_HOME/bench, else ~/.cache/bench. */
    public static Path defaultCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("bench");
    }

    /**
     * A stable key of what calibration depends on: the host, CPU, cores, memory, JVM and vector size. The host
     * name is part of it because nodes of one type still differ (a DIMM missing, a BIOS setting), and a cache
     * in a home folder shared by a whole cluster must never hand one node another's peaks.
     */
    public static String hostKey(Environment env, int threads) {
        String identity = String.join("|", METHODS_VERSION, String.valueOf(env.host()), env.cpuModel(), String.valueOf(env.cores()), String.valueOf(env.memoryBytes()),
                env.jdk(), String.valueOf(env.vectorBitSize()), String.valueOf(threads));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cached calibration for this host, if any. */
    public Optional<Calibration> cached(String hostKey) {
        Path file = file(hostKey);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Calibration c = ResultStore.JSON.readValue(file.toFile(), Calibration.class);
            return hostKey.equals(c.hostKey()) ? Optional.of(c) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // a damaged cache is remeasured, not trusted
        }
    }

    /** Measures all peaks on {@code threads} threads and stores them in the cache. */
    public Calibration measure(String hostKey, int threads, Optional<PeakFlopsProbe> peakProbe, java.util.function.Consumer<String> progress)
            throws IOException, InterruptedException {
        Double peak = null;
        String method = "unavailable: no backend provides an FMA peak probe (is the Vector API module enabled?)";
        if (peakProbe.isPresent()) {
            progress.accept("measuring FP32 FMA peak");
            peak = peakProbe.get().measureFlops(threads, PEAK_MILLIS) / 1e9;
            method = peakProbe.get().method(threads);
        }
        progress.accept("measuring STREAM-triad memory bandwidth");
        double bandwidth = streamTriadBytesPerSecond(threads) / 1e9;
        progress.accept("measuring fsync'ed disk write bandwidth");
        Files.createDirectories(cacheDir);
        double disk = diskWriteBytesPerSecond(cacheDir) / 1e9;
        Calibration c = new Calibration(peak, bandwidth, disk, Instant.now().toString(), threads, method, hostKey);
        ResultStore.write(c, file(hostKey));
        return c;
    }

    private Path file(String hostKey) {
        return cacheDir.resolve("calibration-" + hostKey + ".json");
    }

    /**
     * Best of {@value #STREAM_REPEATS} STREAM triads {@code a[i] = b[i] + s * c[i]} split over {@code threads}
     * threads, counting 24 bytes per element as STREAM does.
     */
    static double streamTriadBytesPerSecond(int threads) throws InterruptedException {
        double[] a = new double[STREAM_ELEMENTS];
        double[] b = new double[STREAM_ELEMENTS];
        double[] c = new double[STREAM_ELEMENTS];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            int chunk = (STREAM_ELEMENTS + threads - 1) / threads;
            // first touch by the worker threads, as STREAM's initialization loop does
            runChunks(pool, threads, chunk, (from, to) -> {
                for (int i = from; i < to; i++) {
                    a[i] = 1.0;
                    b[i] = 2.0;
                    c[i] = 0.5;
                }
            });
            double best = Long.MAX_VALUE;
            for (int r = 0; r < STREAM_REPEATS; r++) {
                long t0 = System.nanoTime();
                runChunks(pool, threads, chunk, (from, to) -> triad(a, b, c, 3.0, from, to));
                best = Math.min(best, System.nanoTime() - t0);
            }
            if (a[STREAM_ELEMENTS - 1] != 2.0 + 3.0 * 0.5) {
                throw new IllegalStateException("STREAM triad computed a wrong value; bandwidth not trusted");
            }
            return 24.0 * STREAM_ELEMENTS / (best / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void triad(double[] a, double[] b, double[] c, double s, int from, int to) {
        for (int i = from; i < to; i++) {
            a[i] = b[i] + s * c[i];
        }
    }

    private interface Range {
        void run(int from, int to);
    }

    private static void runChunks(ExecutorService pool, int threads, int chunk, Range body) throws InterruptedException {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int from = Math.min(STREAM_ELEMENTS, t * chunk);
            int to = Math.min(STREAM_ELEMENTS, from + chunk);
            futures.add(pool.submit(() -> body.run(from, to)));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /** How many times the disk write is measured; the best counts, as for the other roofs. */
    static final int DISK_RUNS = 3;

    /**
     * The best of {@value #DISK_RUNS} writes of {@value #DISK_BYTES} bytes, each in 4 MiB blocks then fsynced:
     * bytes per second including the fsync. Cloud disks vary by a factor of two and more from one write to the
     * next (burst credits, a neighbour's load), and a roof below what a checkpoint reaches is no roof.
     */
    static double diskWriteBytesPerSecond(Path dir) throws IOException {
        double best = 0;
        for (int run = 0; run < DISK_RUNS; run++) {
            best = Math.max(best, oneDiskWrite(dir));
        }
        return best;
    }

    private static double oneDiskWrite(Path dir) throws IOException {
        Path file = Files.createTempFile(dir, ".disk-calibration", ".bin");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer block = ByteBuffer.allocateDirect(4 << 20);
            for (int i = 0; i < block.capacity(); i++) {
                block.put(i, (byte) (i * 31 + 7)); // not zeros: some file systems compress or skip them
            }
            long t0 = System.nanoTime();
            for (long written = 0; written < DISK_BYTES; ) {
                block.clear();
                written += ch.write(block);
            }
            ch.force(true);
            long ns = System.nanoTime() - t0;
            return DISK_BYTES / (ns / 1e9);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
