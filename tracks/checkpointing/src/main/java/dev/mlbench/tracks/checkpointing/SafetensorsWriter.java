package dev.mlbench.tracks.checkpointing;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.zip.CRC32C;

/**
 * Writes one safetensors file in a single pass over the data: the header is laid out first with fixed-width
 * CRC32C placeholders in {@code __metadata__}, the tensors are checksummed and written chunk by chunk after
 * it, then the final header is written in place and the file is fsynced.
 */
public final class SafetensorsWriter {

    /** Metadata key prefix of a tensor's CRC32C, followed by the tensor's name; the value is 8 hex digits. */
    public static final String CRC_KEY_PREFIX = "crc32c:";
    /** Bytes written per call: large enough for full disk throughput, small enough to stay in cache for the CRC. */
    public static final int CHUNK_BYTES = 8 << 20;

    private SafetensorsWriter() {
    }

    /**
     * One tensor to write.
     *
     * @param tensor the tensor's index in the model layout, reported to the flush callback
     * @param name   its name in this file
     * @param dtype  element type
     * @param shape  dimensions
     * @param data   its bytes, little-endian
     */
    public record Item(int tensor, String name, Dtype dtype, List<Long> shape, MemorySegment data) {
    }

    /**
     * Creates {@code file} (which must not exist), writes the items in order and fsyncs it. After an item's
     * last byte has been handed to the file system its buffer is no longer read, and
     * {@code flushed.accept(item.tensor())} is called: the caller may then change that buffer.
     */
    public static void write(Path file, List<Item> items, Map<String, String> metadata, IntConsumer flushed) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        List<SafetensorsHeader.Entry> entries = new ArrayList<>();
        long offset = 0;
        for (Item item : items) {
            long bytes = new TensorSpec(item.name(), item.dtype(), item.shape()).bytes();
            if (bytes != item.data().byteSize()) {
                throw new IllegalArgumentException("tensor " + item.name() + " has " + item.data().byteSize() + " bytes of data, its shape needs " + bytes);
            }
            entries.add(new SafetensorsHeader.Entry(item.name(), item.dtype(), item.shape(), offset, offset + bytes));
            meta.put(CRC_KEY_PREFIX + item.name(), hex(0));
            offset += bytes;
        }
        byte[] placeholder = new SafetensorsHeader(meta, entries).encode();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.position(placeholder.length);
            CRC32C crc = new CRC32C();
            for (Item item : items) {
                crc.reset();
                MemorySegment data = item.data();
                for (long done = 0; done < data.byteSize(); ) {
                    long n = Math.min(CHUNK_BYTES, data.byteSize() - done);
                    ByteBuffer chunk = data.asSlice(done, n).asByteBuffer();
                    crc.update(chunk.duplicate());
                    while (chunk.hasRemaining()) {
                        ch.write(chunk);
                    }
                    done += n;
                }
                meta.put(CRC_KEY_PREFIX + item.name(), hex(crc.getValue()));
                flushed.accept(item.tensor());
            }
            byte[] header = new SafetensorsHeader(meta, entries).encode();
            if (header.length != placeholder.length) {
                throw new IllegalStateException("header length changed while writing " + file);
            }
            ByteBuffer h = ByteBuffer.wrap(header);
            for (long pos = 0; h.hasRemaining(); ) {
                pos += ch.write(h, pos);
            }
            ch.force(true);
        }
    }

    static String hex(long crc) {
        return HexFormat.of().toHexDigits((int) crc);
    }
}
