package dev.mlbench.tracks.checkpointing;

import dev.mlbench.core.util.IoErrors;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A checkpoint kernel's own folder, {@code <checkpoint dir>/<kernel>/}: the same path on every run, so an
 * earlier run killed mid-save (even by {@code kill -9}) leaves its files where the next run finds them. Claiming
 * the folder takes an exclusive lock on its {@value #LOCK} file (released by the operating system when a process
 * dies), then removes everything else in it, saying on stderr what was removed and how many bytes: whatever is
 * there while nobody holds the lock is a leftover of a run that did not finish. A folder locked by a live run
 * is refused with its path.
 */
public final class KernelFolder implements AutoCloseable {

    /** The lock file inside the folder. */
    public static final String LOCK = ".lock";

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private final long staleFiles;
    private final long staleBytes;

    private KernelFolder(Path path, FileChannel channel, FileLock lock, long staleFiles, long staleBytes) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.staleFiles = staleFiles;
        this.staleBytes = staleBytes;
    }

    /** Claims {@code <parent>/<kernel>/}, removing leftovers of earlier runs and reporting them on stderr. */
    public static KernelFolder claim(Path parent, String kernel) throws IOException {
        return claim(parent, kernel, System.err);
    }

    /** As {@link #claim(Path, String)}, reporting leftovers on {@code log}. */
    public static KernelFolder claim(Path parent, String kernel, PrintStream log) throws IOException {
        Path path = parent.resolve(kernel);
        Files.createDirectories(path);
        Path lockFile = path.resolve(LOCK);
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot lock " + lockFile + ": " + IoErrors.reason(e), e);
        }
        if (lock == null) {
            channel.close();
            throw new IOException(path + " is in use by another run of kernel " + kernel + " (it holds " + lockFile
                    + "); wait for it or give this run another checkpoint folder");
        }
        long[] removed = {0, 0};
        try (Stream<Path> children = Files.list(path)) {
            for (Path child : children.filter(c -> !c.getFileName().toString().equals(LOCK)).toList()) {
                remove(child, removed);
            }
        } catch (IOException e) {
            lock.release();
            channel.close();
            throw new IOException("cannot remove the leftovers of an earlier run in " + path + ": " + IoErrors.reason(e), e);
        }
        if (removed[0] > 0) {
            log.println("checkpoint: removed " + removed[0] + " file(s), " + removed[1] + " bytes, left in " + path
                    + " by an earlier run that did not finish");
            log.flush();
        }
        return new KernelFolder(path, channel, lock, removed[0], removed[1]);
    }

    private static void remove(Path root, long[] removed) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(root)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                removed[0]++;
                removed[1] += Files.size(p);
            }
            Files.deleteIfExists(p);
        }
    }

    /** The folder. */
    public Path path() {
        return path;
    }

    /** How many files of earlier runs the claim removed. */
    public long staleFilesRemoved() {
        return staleFiles;
    }

    /** How many bytes of earlier runs the claim removed. */
    public long staleBytesRemoved() {
        return staleBytes;
    }

    /** Releases the lock; the folder and its files stay until deleted (the kernel's close or its check does). */
    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }
}
