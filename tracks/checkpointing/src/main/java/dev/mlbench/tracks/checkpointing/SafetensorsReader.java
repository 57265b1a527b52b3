package dev.mlbench.tracks.checkpointing;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Reads a safetensors file: validates its header on open, then streams a tensor's bytes into destinations a
 * {@link Sink} chooses, verifying the tensor's CRC32C from {@code __metadata__}.
 */
public final class SafetensorsReader implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final SafetensorsHeader header;
    private final long dataStart;

    /** Where a tensor's bytes go, chunk by chunk. */
    public interface Sink {
        /**
         * The memory to read the tensor's bytes from {@code offset} into: at least one and at most {@code max}
         * bytes long (a shorter one ends a piece, e.g. at a rank boundary).
         */
        MemorySegment target(long offset, long max);

        /** Called once {@code bytes} (the segment {@link #target} returned) holds the data from {@code offset}. */
        default void accept(long offset, MemorySegment bytes) throws IOException {
        }

        /** Called once the whole tensor has been read and its checksum verified. */
        default void finished() throws IOException {
        }
    }

    private SafetensorsReader(Path file, FileChannel channel, SafetensorsHeader header, long dataStart) {
        this.file = file;
        this.channel = channel;
        this.header = header;
        this.dataStart = dataStart;
    }

    /** Opens {@code file} and parses its header; a malformed file throws {@link CorruptCheckpointException}. */
    public static SafetensorsReader open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = ch.size();
            if (size < 8) {
                throw new CorruptCheckpointException(file + ": " + size + " bytes, shorter than the 8-byte header length");
            }
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, len, 0);
            long n = len.getLong(0);
            if (n < 2 || n > SafetensorsHeader.MAX_HEADER_BYTES || n > size - 8) {
                throw new CorruptCheckpointException(file + ": header length " + Long.toUnsignedString(n) + " is impossible for a file of "
                        + size + " bytes");
            }
            ByteBuffer json = ByteBuffer.allocate((int) n);
            readFully(ch, json, 8);
            SafetensorsHeader header = SafetensorsHeader.parse(json.array(), size - 8 - n, file.toString());
            return new SafetensorsReader(file, ch, header, 8 + n);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The parsed header. */
    public SafetensorsHeader header() {
        return header;
    }

    /** The file's position of the first data byte. */
    public long dataStart() {
        return dataStart;
    }

    /**
     * Reads tensor {@code entry} from start to end into the sink's destinations and checks its CRC32C. A
     * mismatch throws {@link CorruptCheckpointException} naming the tensor and file; so does a missing
     * checksum when {@code requireCrc}.
     */
    public void read(SafetensorsHeader.Entry entry, Sink sink, boolean requireCrc) throws IOException {
        String stored = header.metadata().get(SafetensorsWriter.CRC_KEY_PREFIX + entry.name());
        if (stored == null && requireCrc) {
            throw new CorruptCheckpointException("tensor '" + entry.name() + "' in " + file + " has no CRC32C in __metadata__");
        }
        CRC32C crc = new CRC32C();
        long size = entry.end() - entry.begin();
        for (long offset = 0; offset < size; ) {
            MemorySegment target = sink.target(offset, Math.min(SafetensorsWriter.CHUNK_BYTES, size - offset));
            ByteBuffer buffer = target.asByteBuffer();
            readFully(channel, buffer, dataStart + entry.begin() + offset);
            buffer.flip();
            crc.update(buffer);
            sink.accept(offset, target);
            offset += target.byteSize();
        }
        if (stored != null && !stored.equalsIgnoreCase(SafetensorsWriter.hex(crc.getValue()))) {
            throw new CorruptCheckpointException("tensor '" + entry.name() + "' in " + file + " is corrupt: CRC32C of its data is "
                    + SafetensorsWriter.hex(crc.getValue()) + ", the header says " + stored);
        }
        sink.finished();
    }

    /** Reads tensor {@code entry} whole into {@code dst} (exactly its size), checking its CRC32C. */
    public void read(SafetensorsHeader.Entry entry, MemorySegment dst, boolean requireCrc) throws IOException {
        if (dst.byteSize() != entry.end() - entry.begin()) {
            throw new IllegalArgumentException("tensor " + entry.name() + " has " + (entry.end() - entry.begin()) + " bytes, buffer " + dst.byteSize());
        }
        read(entry, (offset, max) -> dst.asSlice(offset, max), requireCrc);
    }

    private static void readFully(FileChannel ch, ByteBuffer buffer, long position) throws IOException {
        long pos = position;
        while (buffer.hasRemaining()) {
            int n = ch.read(buffer, pos);
            if (n < 0) {
                throw new CorruptCheckpointException("unexpected end of file at byte " + pos);
            }
            pos += n;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
