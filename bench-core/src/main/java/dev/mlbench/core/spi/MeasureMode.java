package dev.mlbench.core.spi;

/** How the harness times a track's operation. */
public enum MeasureMode {
    /**
     * JMH average time: each iteration runs the operation as often as fits in the iteration time; a sample is
     * the mean time per operation. For operations from microseconds to seconds that can repeat back to back.
     */
    AVERAGE_TIME,
    /**
     * JMH single-shot time: each iteration runs the operation exactly once; a sample is that one operation's
     * time. For operations with side effects outside the JVM (disk writes) whose cost a loop would hide or blur.
     */
    SINGLE_SHOT
}
