package dev.mlbench.kernels.cpu;

import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.Backend;
import dev.mlbench.core.util.PageCache;
import dev.mlbench.tracks.checkpointing.CheckpointTrack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** File I/O through java.nio channels (positional reads and writes, fsync): checkpointing kernels. Always available. */
public final class JavaNioBackend implements Backend {

    /** The backend's name. */
    public static final String NAME = "java-nio";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "java.nio file channels with fsync (checkpoint saves and loads)";
    }

    @Override
    public Availability probe() {
        return Availability.available("Java " + Runtime.version());
    }

    /** The default checkpoint folder, its file system and whether loads can evict the page cache. */
    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        Path dir = CheckpointTrack.targetDirectory("");
        details.put("checkpoint_dir", dir.toAbsolutePath().toString());
        try {
            Path existing = dir.toAbsolutePath();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing != null) {
                details.put("checkpoint_file_store", Files.getFileStore(existing).type());
            }
        } catch (IOException e) {
            details.put("checkpoint_file_store", "unknown: " + e.getMessage());
        }
        details.put("page_cache_eviction", PageCache.available());
        return details;
    }
}
