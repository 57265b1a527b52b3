package dev.mlbench.core.util;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Drops a file's clean pages from the operating system's page cache ({@code posix_fadvise(POSIX_FADV_DONTNEED)}
 * through the Foreign Function API), so that a timed load reads the disk rather than memory. Only the named
 * files are affected, never the whole cache. Available on Linux; elsewhere {@link #available()} is false and
 * loads may be served from memory.
 */
public final class PageCache {

    private static final int O_RDONLY = 0;
    private static final int POSIX_FADV_DONTNEED = 4;
    private static final Handles HANDLES = Handles.find();

    private PageCache() {
    }

    private record Handles(MethodHandle open, MethodHandle fadvise, MethodHandle close) {
        static Handles find() {
            if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
                return null;
            }
            try {
                Linker linker = Linker.nativeLinker();
                var libc = linker.defaultLookup();
                MethodHandle open = linker.downcallHandle(libc.find("open").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT), Linker.Option.firstVariadicArg(2));
                MethodHandle fadvise = linker.downcallHandle(libc.find("posix_fadvise").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
                MethodHandle close = linker.downcallHandle(libc.find("close").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
                return new Handles(open, fadvise, close);
            } catch (RuntimeException | LinkageError e) {
                return null;
            }
        }
    }

    /** Whether eviction works here. */
    public static boolean available() {
        return HANDLES != null;
    }

    /**
     * Evicts every regular file under {@code dir} (fsynced files only: dirty pages are not dropped). Returns
     * false when eviction is unavailable or a file could not be advised.
     */
    public static boolean evict(Path dir) {
        if (HANDLES == null) {
            return false;
        }
        boolean all = true;
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> regular = files.filter(Files::isRegularFile).toList();
            try (Arena arena = Arena.ofConfined()) {
                for (Path f : regular) {
                    MemorySegment name = arena.allocateFrom(f.toAbsolutePath().toString());
                    int fd = (int) HANDLES.open().invokeExact(name, O_RDONLY);
                    if (fd < 0) {
                        all = false;
                        continue;
                    }
                    int rc = (int) HANDLES.fadvise().invokeExact(fd, 0L, 0L, POSIX_FADV_DONTNEED);
                    int ignored = (int) HANDLES.close().invokeExact(fd);
                    all &= rc == 0 && ignored == 0;
                }
            }
        } catch (Throwable e) {
            return false;
        }
        return all;
    }
}
