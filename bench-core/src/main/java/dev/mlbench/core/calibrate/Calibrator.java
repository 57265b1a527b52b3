package dev.mlbench.core.calibrate;

import dev.mlbench.core.env.Environment;
import dev.mlbench.core.measure.ColdRotation;
import dev.mlbench.core.results.ResultStore;
import dev.mlbench.core.spi.PeakFlopsProbe;
import dev.mlbench.core.util.PageCache;

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

    /**
     * The fewest elements per STREAM array: 3 arrays of 2^24 doubles = 384 MiB. Where the last-level cache is larger
     * than a tenth of that (server CPUs now have 256 MiB and more), the arrays grow to four times the cache, as
     * STREAM's own rule asks, so that the triad reads DRAM and not the cache.
     */
    static final int MIN_STREAM_ELEMENTS = 1 << 24;
    static final int STREAM_REPEATS = 10;
    static final long PEAK_MILLIS = 1000;
    static final int DISK_BYTES = 256 << 20;

    private final Path cacheDir;

    /**
     * Changes whenever a calibration method changes what it measures, so that caches of the old method are measured
     * again rather than trusted. 2: the FMA peak loop in accumulate form, warmed up as it is timed (the first form
     * read 35 to 62 GFLOP/s on a Zen core where OpenBLAS ran at 88). 3: disk write best of three. 4: STREAM arrays
     * sized from the last-level cache (384 MiB in all had fit in a 480 MiB L3), and the peak and bandwidth measured
     * on fewer threads as well (5). 6: the read bandwidth of a file evicted from the page cache.
     */
    static final String METHODS_VERSION = "6";

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

    /**
     * Measures all peaks on {@code threads} threads, and the FMA peak and STREAM bandwidth on each smaller power of two
     * (rows that run on fewer threads are compared with what those threads reach), and stores them in the cache.
     */
    public Calibration measure(String hostKey, int threads, Optional<PeakFlopsProbe> peakProbe, java.util.function.Consumer<String> progress)
            throws IOException, InterruptedException {
        String method = peakProbe.map(p -> p.method(threads))
                .orElse("unavailable: no backend provides an FMA peak probe (is the Vector API module enabled?)");
        List<Calibration.ThreadRoof> perThreads = new ArrayList<>();
        for (int t : fewerThreads(threads)) {
            perThreads.add(roofs(t, peakProbe, progress));
        }
        Calibration.ThreadRoof all = roofs(threads, peakProbe, progress);
        progress.accept("measuring fsync'ed disk write and evicted read bandwidth");
        Files.createDirectories(cacheDir);
        double[] disk = diskBytesPerSecond(cacheDir);
        Calibration c = new Calibration(all.peakGflops(), all.memBandwidthGbps(), disk[0] / 1e9, Instant.now().toString(), threads, method,
                hostKey, perThreads, Double.isNaN(disk[1]) ? null : disk[1] / 1e9);
        ResultStore.write(c, file(hostKey));
        return c;
    }

    /** The thread counts below {@code threads} that are calibrated too: 1, 2, 4, ... */
    static List<Integer> fewerThreads(int threads) {
        List<Integer> counts = new ArrayList<>();
        for (int t = 1; t < threads; t *= 2) {
            counts.add(t);
        }
        return counts;
    }

    private static Calibration.ThreadRoof roofs(int threads, Optional<PeakFlopsProbe> peakProbe, java.util.function.Consumer<String> progress)
            throws InterruptedException {
        Double peak = null;
        if (peakProbe.isPresent()) {
            progress.accept("measuring FP32 FMA peak on " + threads + " thread(s)");
            peak = peakProbe.get().measureFlops(threads, PEAK_MILLIS) / 1e9;
        }
        progress.accept("measuring STREAM-triad memory bandwidth on " + threads + " thread(s)");
        return new Calibration.ThreadRoof(threads, peak, streamTriadBytesPerSecond(threads) / 1e9);
    }

    private Path file(String hostKey) {
        return cacheDir.resolve("calibration-" + hostKey + ".json");
    }

    /**
     * Best of {@value #STREAM_REPEATS} STREAM triads {@code a[i] = b[i] + s * c[i]} split over {@code threads}
     * threads, counting 24 bytes per element as STREAM does.
     */
    static double streamTriadBytesPerSecond(int threads) throws InterruptedException {
        int elements = streamElements(ColdRotation.lastLevelCacheBytes(), Runtime.getRuntime().maxMemory());
        double[] a = new double[elements];
        double[] b = new double[elements];
        double[] c = new double[elements];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            int chunk = (elements + threads - 1) / threads;
            // first touch by the worker threads, as STREAM's initialization loop does
            runChunks(pool, threads, chunk, elements, (from, to) -> {
                for (int i = from; i < to; i++) {
                    a[i] = 1.0;
                    b[i] = 2.0;
                    c[i] = 0.5;
                }
            });
            double best = Long.MAX_VALUE;
            for (int r = 0; r < STREAM_REPEATS; r++) {
                long t0 = System.nanoTime();
                runChunks(pool, threads, chunk, elements, (from, to) -> triad(a, b, c, 3.0, from, to));
                best = Math.min(best, System.nanoTime() - t0);
            }
            if (a[elements - 1] != 2.0 + 3.0 * 0.5) {
                throw new IllegalStateException("STREAM triad computed a wrong value; bandwidth not trusted");
            }
            return 24.0 * elements / (best / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Elements per STREAM array on a machine with {@code llcBytes} of last-level cache (0: unknown) and a heap of
     * {@code heapBytes}: the three arrays together hold at least four times the cache and at least
     * {@link #MIN_STREAM_ELEMENTS} each, but no more than half the heap.
     *
     * @throws IllegalStateException when the heap cannot hold arrays larger than the cache
     */
    static int streamElements(long llcBytes, long heapBytes) {
        long wanted = Math.max(MIN_STREAM_ELEMENTS, (4 * Math.max(0, llcBytes) + 23) / 24);
        long fits = heapBytes / 2 / 24;
        long elements = Math.min(Math.min(wanted, fits), Integer.MAX_VALUE - 8);
        if (24 * elements <= 2 * llcBytes) {
            throw new IllegalStateException(String.format(java.util.Locale.ROOT,
                    "STREAM arrays of %d MiB in all would not exceed twice the %d MiB last-level cache within half the"
                            + " %d MiB heap; give the JVM more memory (-Xmx)", 24 * elements >> 20, llcBytes >> 20, heapBytes >> 20));
        }
        return (int) elements;
    }

    private static void triad(double[] a, double[] b, double[] c, double s, int from, int to) {
        for (int i = from; i < to; i++) {
            a[i] = b[i] + s * c[i];
        }
    }

    private interface Range {
        void run(int from, int to);
    }

    private static void runChunks(ExecutorService pool, int threads, int chunk, int elements, Range body) throws InterruptedException {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int from = (int) Math.min(elements, (long) t * chunk);
            int to = (int) Math.min(elements, (long) from + chunk);
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

    /** How many times the disk is written and read; the best counts, as for the other roofs. */
    static final int DISK_RUNS = 3;

    /**
     * The best write and the best read, in bytes per second, of {@value #DISK_RUNS} runs: each writes a file of
     * {@value #DISK_BYTES} bytes in 4 MiB blocks and fsyncs it (the write's time includes the fsync), evicts its pages
     * from the page cache ({@link PageCache}) and reads it back. The read is NaN where eviction is unavailable or fails:
     * a read from the page cache is memory, not disk. Cloud disks vary by a factor of two and more from one run to the
     * next (burst credits, a neighbour's load), and a roof below what a checkpoint reaches is no roof.
     */
    static double[] diskBytesPerSecond(Path dir) throws IOException {
        double write = 0;
        double read = Double.NaN;
        for (int run = 0; run < DISK_RUNS; run++) {
            double[] one = oneDiskRun(dir);
            write = Math.max(write, one[0]);
            read = Double.isNaN(one[1]) ? read : Double.isNaN(read) ? one[1] : Math.max(read, one[1]);
        }
        return new double[] {write, read};
    }

    private static double[] oneDiskRun(Path dir) throws IOException {
        Path file = Files.createTempFile(dir, ".disk-calibration", ".bin");
        try {
            ByteBuffer block = ByteBuffer.allocateDirect(4 << 20);
            double write;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                for (int i = 0; i < block.capacity(); i++) {
                    block.put(i, (byte) (i * 31 + 7)); // not zeros: some file systems compress or skip them
                }
                long t0 = System.nanoTime();
                for (long written = 0; written < DISK_BYTES; ) {
                    block.clear();
                    written += ch.write(block);
                }
                ch.force(true);
                write = DISK_BYTES / ((System.nanoTime() - t0) / 1e9);
            }
            if (!PageCache.evict(file)) {
                return new double[] {write, Double.NaN};
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                long t0 = System.nanoTime();
                long read = 0;
                for (int n; (n = ch.read(block.clear())) > 0; ) {
                    read += n;
                }
                long ns = System.nanoTime() - t0;
                if (read != DISK_BYTES || block.get(0) != (byte) 7) {
                    throw new IOException("the disk calibration read back " + read + " of " + DISK_BYTES + " bytes");
                }
                return new double[] {write, DISK_BYTES / (ns / 1e9)};
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
