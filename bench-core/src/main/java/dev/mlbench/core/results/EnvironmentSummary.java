package dev.mlbench.core.results;

import dev.mlbench.core.env.Environment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The facts of an environment that decide whether two runs measured the same machine, with their fingerprint.
 * Every reader of results files that groups runs by machine (leaderboard, report, predictions) groups them by
 * this fingerprint, so they agree on what "the same machine" means.
 *
 * @param fingerprint   16 hex digits of SHA-256 over CPU model, cores, memory, JDK and vector size
 * @param cpuModel      CPU model
 * @param cores         logical processors
 * @param memoryBytes   physical memory
 * @param os            operating system
 * @param jdk           JDK
 * @param vectorBitSize Vector API vector size, or null
 */
public record EnvironmentSummary(String fingerprint, String cpuModel, int cores, long memoryBytes, String os, String jdk,
                                 Integer vectorBitSize) {

    /** The summary of {@code e}; a run that recorded no environment is {@code unknown}. */
    public static EnvironmentSummary of(Environment e) {
        if (e == null) {
            return new EnvironmentSummary("unknown", "unknown", 0, -1, "unknown", "unknown", null);
        }
        String text = e.cpuModel() + "|" + e.cores() + "|" + e.memoryBytes() + "|" + e.jdk() + "|" + e.vectorBitSize();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return new EnvironmentSummary(HexFormat.of().formatHex(hash, 0, 8), e.cpuModel(), e.cores(), e.memoryBytes(), e.os(), e.jdk(),
                    e.vectorBitSize());
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", ex);
        }
    }
}
