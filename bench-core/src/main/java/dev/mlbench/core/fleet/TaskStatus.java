package dev.mlbench.core.fleet;

import java.nio.file.Path;

/**
 * One array task's state, with where it ran and who said so.
 *
 * @param arrayJobId the array's job id
 * @param taskId     the task's index
 * @param partition  the partition it was submitted to
 * @param state      what became of it
 * @param node       the node it ran on, null when it never started
 * @param source     who told: {@code squeue} (Slurm still knows the job), {@code marker} (the task's status file), or
 *                   {@code none}
 * @param exitCode   the harness's exit code from the marker, null when unknown
 * @param dir        the task's results folder
 */
public record TaskStatus(String arrayJobId, int taskId, String partition, TaskState state, String node, String source,
                         Integer exitCode, Path dir) {

    /** {@code <array job>_<task>}, as Slurm names an array task. */
    public String id() {
        return arrayJobId + "_" + taskId;
    }
}
