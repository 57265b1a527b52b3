package dev.mlbench.core.spi;

/**
 * The work one operation does, from the track's work model: used to turn time into throughput.
 *
 * @param flops      floating-point operations (a fused multiply-add counts as two)
 * @param bytesMoved the minimum bytes every correct implementation must read and write
 */
public record Work(double flops, double bytesMoved) {
}
