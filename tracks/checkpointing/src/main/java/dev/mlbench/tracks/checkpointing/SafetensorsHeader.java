package dev.mlbench.tracks.checkpointing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header of a safetensors file, as the format specifies it: an 8-byte little-endian unsigned length N,
 * then N bytes of UTF-8 JSON mapping each tensor name to {@code {"dtype", "shape", "data_offsets": [begin,
 * end]}} (offsets relative to the first byte after the header), plus an optional {@code "__metadata__"}
 * object of string to string. The JSON may be padded with spaces; the data must be covered by the tensors
 * exactly, without holes or overlaps.
 *
 * @param metadata the {@code __metadata__} entries (empty when absent)
 * @param entries  the tensors, in data order
 */
public record SafetensorsHeader(Map<String, String> metadata, List<Entry> entries) {

    /** The key of the free-form metadata object. */
    public static final String METADATA_KEY = "__metadata__";
    /** The largest header accepted (the reference implementation's limit). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;
    /** Duplicate names are rejected: the format has one entry per tensor. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final java.util.regex.Pattern CRC_VALUE = java.util.regex.Pattern.compile("[0-9a-f]{8}");

    /**
     * One tensor of the file.
     *
     * @param name  its name
     * @param dtype element type
     * @param shape dimensions
     * @param begin first data byte, relative to the start of the data
     * @param end   one past its last data byte
     */
    public record Entry(String name, Dtype dtype, List<Long> shape, long begin, long end) {

        /** The tensor's spec. */
        public TensorSpec spec() {
            return new TensorSpec(name, dtype, shape);
        }
    }

    public SafetensorsHeader {
        metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        entries = List.copyOf(entries);
    }

    /** The tensor named {@code name}, or null. */
    public Entry entry(String name) {
        for (Entry e : entries) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** Bytes of tensor data the header describes. */
    public long dataBytes() {
        return entries.isEmpty() ? 0 : entries.getLast().end();
    }

    /**
     * The 8-byte length and the JSON, padded with spaces so the data starts at a multiple of 8 bytes (as the
     * reference implementation writes it).
     */
    public byte[] encode() {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode m = root.putObject(METADATA_KEY);
            metadata.forEach(m::put);
        }
        for (Entry e : entries) {
            ObjectNode t = root.putObject(e.name());
            t.put("dtype", e.dtype().name());
            ArrayNode shape = t.putArray("shape");
            e.shape().forEach(shape::add);
            t.putArray("data_offsets").add(e.begin()).add(e.end());
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        int padded = (json.length + 7) & ~7;
        ByteBuffer out = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(json);
        while (out.hasRemaining()) {
            out.put((byte) ' ');
        }
        return out.array();
    }

    /**
     * Parses and validates a header's JSON. {@code dataBytes} is the file size minus 8 minus the header
     * length: the tensors must cover it exactly.
     */
    public static SafetensorsHeader parse(byte[] json, long dataBytes, String file) throws CorruptCheckpointException {
        // the JSON object starts the header and only spaces (0x20) may pad it: anything else after it is not the format
        int end = json.length;
        while (end > 0 && json[end - 1] == ' ') {
            end--;
        }
        if (end == 0 || json[0] != '{' || json[end - 1] != '}') {
            throw new CorruptCheckpointException(file + ": the header must be one JSON object padded with spaces only"
                    + (end > 0 && json[0] == '{' ? " (byte " + (8 + end - 1) + " of the file is 0x"
                    + String.format("%02x", json[end - 1] & 0xff) + " after the JSON)" : ""));
        }
        JsonNode root;
        try {
            root = JSON.readTree(new String(json, 0, end, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new CorruptCheckpointException(file + ": the header is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new CorruptCheckpointException(file + ": the header is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode node = field.getValue();
            if (name.equals(METADATA_KEY)) {
                if (!node.isObject()) {
                    throw new CorruptCheckpointException(file + ": __metadata__ must be an object of strings");
                }
                for (Iterator<Map.Entry<String, JsonNode>> m = node.fields(); m.hasNext(); ) {
                    Map.Entry<String, JsonNode> kv = m.next();
                    if (!kv.getValue().isTextual()) {
                        throw new CorruptCheckpointException(file + ": __metadata__ value of '" + kv.getKey() + "' is not a string");
                    }
                    metadata.put(kv.getKey(), kv.getValue().asText());
                }
                continue;
            }
            entries.add(entry(name, node, file));
        }
        // the harness's checksums: each names a tensor of this file and is 8 lowercase hex digits, as the writer puts it
        for (Map.Entry<String, String> m : metadata.entrySet()) {
            if (m.getKey().startsWith(SafetensorsWriter.CRC_KEY_PREFIX)) {
                String tensor = m.getKey().substring(SafetensorsWriter.CRC_KEY_PREFIX.length());
                if (entries.stream().noneMatch(e -> e.name().equals(tensor))) {
                    throw new CorruptCheckpointException(file + ": __metadata__ '" + m.getKey() + "' names no tensor of the file");
                }
                if (!CRC_VALUE.matcher(m.getValue()).matches()) {
                    throw new CorruptCheckpointException(file + ": __metadata__ '" + m.getKey() + "' is '" + m.getValue()
                            + "', not a CRC32C (8 hex digits)");
                }
            }
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        for (Entry e : entries) {
            if (e.begin() != expected) {
                throw new CorruptCheckpointException(file + ": tensor '" + e.name() + "' starts at data byte " + e.begin()
                        + " but the previous tensor ends at " + expected + " (the data must be contiguous)");
            }
            expected = e.end();
        }
        if (expected != dataBytes) {
            throw new CorruptCheckpointException(file + ": the tensors cover " + expected + " data bytes but the file holds "
                    + dataBytes + " (truncated or padded file)");
        }
        return new SafetensorsHeader(metadata, entries);
    }

    private static Entry entry(String name, JsonNode node, String file) throws CorruptCheckpointException {
        String where = file + ": tensor '" + name + "'";
        if (!node.isObject()) {
            throw new CorruptCheckpointException(where + " is not an object");
        }
        JsonNode dtype = node.get("dtype");
        JsonNode shape = node.get("shape");
        JsonNode offsets = node.get("data_offsets");
        if (dtype == null || !dtype.isTextual() || shape == null || !shape.isArray() || offsets == null
                || !offsets.isArray() || offsets.size() != 2) {
            throw new CorruptCheckpointException(where + " needs \"dtype\" (string), \"shape\" (array) and \"data_offsets\" ([begin, end])");
        }
        Dtype type;
        try {
            type = Dtype.parse(dtype.asText());
        } catch (IllegalArgumentException e) {
            throw new CorruptCheckpointException(where + ": " + e.getMessage());
        }
        List<Long> dims = new ArrayList<>();
        for (JsonNode d : shape) {
            if (!d.isIntegralNumber() || d.asLong() < 0) {
                throw new CorruptCheckpointException(where + " has an invalid dimension " + d);
            }
            dims.add(d.asLong());
        }
        for (JsonNode o : offsets) {
            if (!o.isIntegralNumber() || o.asLong() < 0) {
                throw new CorruptCheckpointException(where + " has an invalid data offset " + o);
            }
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        TensorSpec spec = new TensorSpec(name, type, dims);
        long bytes;
        try {
            bytes = spec.bytes();
        } catch (ArithmeticException e) {
            throw new CorruptCheckpointException(where + " has a shape too large to address: " + dims);
        }
        if (end < begin || end - begin != bytes) {
            throw new CorruptCheckpointException(where + " has data_offsets [" + begin + ", " + end + "] but " + type + dims
                    + " needs " + bytes + " bytes");
        }
        return new Entry(name, type, dims, begin, end);
    }
}
