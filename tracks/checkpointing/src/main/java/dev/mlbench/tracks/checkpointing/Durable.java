package dev.mlbench.tracks.checkpointing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Crash-safe file publication: write a temporary file, fsync it, rename it over the target, fsync the directory. */
public final class Durable {

    private Durable() {
    }

    /** The temporary name a file is written under before it is published as {@code target}. */
    public static Path temporary(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".tmp");
    }

    /** Flushes a directory's entries (new, renamed and removed names) to the disk. */
    public static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** Renames an fsynced temporary file to {@code target} atomically (replacing it) and fsyncs the directory. */
    public static void publish(Path temporary, Path target) throws IOException {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDirectory(target.getParent());
    }

    /** Writes {@code bytes} to {@code target} so that a crash leaves either the old or the new content. */
    public static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = temporary(target);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        publish(tmp, target);
    }
}
