package dev.mlbench.core.env;

import java.util.Map;

/**
 * What the batch scheduler says about the job a run belongs to, so results from a fleet can be traced to
 * their job, array task and node. Read from the variables Slurm sets in a job's environment.
 *
 * @param name        the scheduler, {@code slurm}
 * @param jobId       the job's own id ({@code SLURM_JOB_ID}; each array task has its own)
 * @param arrayJobId  the array's job id ({@code SLURM_ARRAY_JOB_ID}), null outside an array
 * @param arrayTaskId the task's index in the array ({@code SLURM_ARRAY_TASK_ID}), null outside an array
 * @param node        the node the job runs on ({@code SLURMD_NODENAME})
 * @param partition   the partition it was submitted to ({@code SLURM_JOB_PARTITION})
 */
public record Scheduler(String name, String jobId, String arrayJobId, Integer arrayTaskId, String node, String partition) {

    /** The Slurm job of this process, or null when the process is not part of one. */
    public static Scheduler detect() {
        return fromEnvironment(System.getenv());
    }

    /** The Slurm job described by {@code env}, or null when it names none. */
    public static Scheduler fromEnvironment(Map<String, String> env) {
        String jobId = blankToNull(env.get("SLURM_JOB_ID"));
        if (jobId == null) {
            return null;
        }
        String task = blankToNull(env.get("SLURM_ARRAY_TASK_ID"));
        Integer taskId = null;
        if (task != null) {
            try {
                taskId = Integer.valueOf(task);
            } catch (NumberFormatException e) {
                taskId = null; // Slurm writes a decimal index; anything else is not one we can trust
            }
        }
        return new Scheduler("slurm", jobId, blankToNull(env.get("SLURM_ARRAY_JOB_ID")), taskId,
                blankToNull(env.get("SLURMD_NODENAME")), blankToNull(env.get("SLURM_JOB_PARTITION")));
    }

    /** A short tag for run ids: the array job and task ({@code j123_4}), or the job id alone. */
    public String idTag() {
        return arrayJobId != null && arrayTaskId != null ? "j" + arrayJobId + "_" + arrayTaskId : "j" + jobId;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
