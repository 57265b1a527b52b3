package dev.mlbench.core.fleet;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What became of one array task of a fleet run, as far as Slurm and the task's own marker file tell. */
public enum TaskState {
    /** Waiting for a node. */
    PENDING,
    /** Started and not finished. */
    RUNNING,
    /** The run finished and the harness exited 0. */
    DONE,
    /** The harness exited non-zero (a kernel failed, a check failed, bad input) or the node failed. */
    FAILED,
    /** Cancelled ({@code scancel}) before or while it ran. */
    CANCELLED,
    /** Killed at its time limit. */
    TIMEOUT,
    /** Neither Slurm nor the task's folder knows it: it never started, or its marker was lost. */
    MISSING;

    /** The state's key in output, lower case. */
    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the task can still change state. */
    public boolean active() {
        return this == PENDING || this == RUNNING;
    }

    /**
     * The state a Slurm job state ({@code squeue %T}) means; null for one that says nothing final or running
     * (e.g. {@code REQUEUED}), so the task's marker decides.
     */
    public static TaskState fromSlurm(String slurmState) {
        return switch (slurmState.trim().toUpperCase(Locale.ROOT)) {
            case "PENDING", "CONFIGURING", "REQUEUE_HOLD", "SUSPENDED", "RESV_DEL_HOLD" -> PENDING;
            case "RUNNING", "COMPLETING", "STAGE_OUT", "SIGNALING", "RESIZING" -> RUNNING;
            case "COMPLETED" -> DONE;
            case "FAILED", "NODE_FAIL", "BOOT_FAIL", "OUT_OF_MEMORY", "DEADLINE", "PREEMPTED", "SPECIAL_EXIT" -> FAILED;
            case "CANCELLED", "REVOKED" -> CANCELLED;
            case "TIMEOUT" -> TIMEOUT;
            default -> null;
        };
    }

    /** The state a task's marker file ({@code task-status.json}, written by the task script) means. */
    public static TaskState fromMarker(String markerState) {
        return switch (markerState) {
            case "running" -> RUNNING;
            case "done" -> DONE;
            case "failed" -> FAILED;
            // SIGTERM reaches the task from scancel and from the time limit alike; Slurm alone can tell which
            case "terminated" -> CANCELLED;
            default -> MISSING;
        };
    }
}
