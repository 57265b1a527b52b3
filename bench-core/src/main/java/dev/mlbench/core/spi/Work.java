package dev.mlbench.core.spi;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Objects;

/**
 * The work one operation does, from the track's work model: used to turn time into throughput.
 *
 * @param ops        operations per call, counted in {@code unit} (a fused multiply-add counts as two FLOPs)
 * @param bytesMoved the minimum bytes every correct implementation must read and write
 * @param unit       what an operation is; the % of the calibrated FP32 peak is only given for {@link OpUnit#FLOP}
 * @param roof       which calibrated bandwidth {@code bytesMoved} is measured against
 */
public record Work(double ops, double bytesMoved, OpUnit unit, Roof roof) {

    /** What one counted operation is. */
    public enum OpUnit {
        /** A floating-point operation. */
        FLOP,
        /** An integer operation (a multiply-accumulate counts as two). */
        INT_OP,
        /** A binary operation on one bit (an XNOR with its popcount share counts as two). */
        BINARY_OP;

        /** The name written in results, e.g. {@code binary_op}. */
        @JsonValue
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The unit of 10^9 of these per second, as every table, export and report shows it: {@code GFLOP/s}. */
        public String displayUnit() {
            return switch (this) {
                case FLOP -> "GFLOP/s";
                case INT_OP -> "GOP/s";
                case BINARY_OP -> "GBOP/s";
            };
        }
    }

    /** The calibrated bandwidth an operation's bytes are compared with. */
    public enum Roof {
        /** Main memory (STREAM triad). */
        MEMORY,
        /** fsync'ed writes to the local disk. */
        DISK,
        /** Reads from the local disk with the file's pages evicted from the page cache first. */
        DISK_READ;

        /** The name written in results, e.g. {@code disk}. */
        @JsonValue
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Work {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(roof, "roof");
    }

    /** Floating-point work against memory bandwidth: the common case. */
    public Work(double flops, double bytesMoved) {
        this(flops, bytesMoved, OpUnit.FLOP, Roof.MEMORY);
    }
}
