package dev.mlbench.core.fleet;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The batch scripts of a fleet run: one job array per partition (or per pinned node) whose tasks each run the
 * harness into {@code <out>/<array job id>/<task id>/}, and a merge job that collects them all. Slurm runs
 * them; the harness only writes them.
 */
public final class SbatchScripts {

    /** The job name of the arrays (the merge job adds {@code -merge}). */
    public static final String JOB_NAME = "bench-fleet";

    private SbatchScripts() {
    }

    /**
     * One array's request.
     *
     * @param partition  the partition
     * @param node       the node to pin it to ({@code --nodelist}), or null for any
     * @param tasks      the number of array tasks
     * @param time       the time limit per task ({@code --time}), or null for the partition's default
     * @param sbatchArgs further sbatch options, passed as given
     */
    public record ArraySpec(String partition, String node, int tasks, String time, List<String> sbatchArgs) {
    }

    /**
     * The array's script. Each task marks its folder running, runs {@code launcher run runArgs --out <task dir>},
     * and marks it done, failed (with the exit code) or terminated: {@code scancel} and the time limit send
     * SIGTERM, on which the harness marks its results file {@code interrupted} before the task marks itself.
     *
     * @param out      the results root, absolute
     * @param launcher the command that starts the harness on a node (a JDK and the jar, or the {@code bench} launcher)
     * @param runArgs  the {@code bench run} arguments, without {@code --out}
     */
    public static String array(ArraySpec spec, String out, List<String> launcher, List<String> runArgs) {
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        s.append("#SBATCH --job-name=").append(JOB_NAME).append('\n');
        s.append("#SBATCH --partition=").append(spec.partition()).append('\n');
        s.append("#SBATCH --array=0-").append(spec.tasks() - 1).append('\n');
        // one benchmark per node at a time: a second one would steal its cores and memory bandwidth
        s.append("#SBATCH --exclusive\n");
        if (spec.node() != null) {
            s.append("#SBATCH --nodelist=").append(spec.node()).append('\n');
        }
        if (spec.time() != null) {
            s.append("#SBATCH --time=").append(spec.time()).append('\n');
        }
        // Slurm does not create folders for its log; the results root exists from submission on
        s.append("#SBATCH --output=").append(out).append("/slurm-%A_%a.out\n");
        spec.sbatchArgs().forEach(a -> s.append("#SBATCH ").append(a).append('\n'));
        s.append("""
                # Written by 'bench fleet submit': one benchmark run per array task, into OUT/<array job id>/<task id>/.
                set -u
                task_dir=%s/"$SLURM_ARRAY_JOB_ID"/"$SLURM_ARRAY_TASK_ID"
                mkdir -p "$task_dir"
                mark() { # state exit_code: the task's status, for 'bench fleet status' once squeue has forgotten the job
                  printf '{"state":"%%s","exit_code":%%s,"node":"%%s","job_id":"%%s","array_job_id":"%%s","array_task_id":%%s,"at":"%%s"}\\n' \\
                    "$1" "$2" "${SLURMD_NODENAME:-$(hostname)}" "$SLURM_JOB_ID" "$SLURM_ARRAY_JOB_ID" "$SLURM_ARRAY_TASK_ID" \\
                    "$(date -u +%%Y-%%m-%%dT%%H:%%M:%%SZ)" > "$task_dir/%s.tmp" && mv -f "$task_dir/%s.tmp" "$task_dir/%s"
                }
                mark running null
                # scancel and the time limit send SIGTERM to the harness too; it marks its results file interrupted first
                trap 'mark terminated 143; exit 143' TERM
                %s run %s --out "$task_dir"
                rc=$?
                if [ "$rc" -eq 0 ]; then mark done 0; else mark failed "$rc"; fi
                exit "$rc"
                """.formatted(quote(out), TaskMarker.FILE_NAME, TaskMarker.FILE_NAME, TaskMarker.FILE_NAME,
                command(launcher), command(runArgs)));
        return s.toString();
    }

    /**
     * The merge job's script: after every array has ended, in whatever state ({@code afterany}, so one bad
     * node does not hide the others' results), it runs {@code bench fleet collect}, which merges what finished
     * into one leaderboard and report and names the tasks that did not.
     *
     * @param partition  where it runs
     * @param arrayJobIds the arrays it waits for (a placeholder in a dry run)
     * @param fleetId    the fleet to collect
     */
    public static String merge(String partition, List<String> arrayJobIds, String fleetId, String out, String time,
                               List<String> launcher) {
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        s.append("#SBATCH --job-name=").append(JOB_NAME).append("-merge\n");
        s.append("#SBATCH --partition=").append(partition).append('\n');
        s.append("#SBATCH --dependency=afterany:").append(String.join(":", arrayJobIds)).append('\n');
        if (time != null) {
            s.append("#SBATCH --time=").append(time).append('\n');
        }
        s.append("#SBATCH --output=").append(out).append('/').append(fleetId).append("/merge.out\n");
        s.append("# Written by 'bench fleet submit': merges every task's results once all arrays have ended.\n");
        s.append(command(launcher)).append(" fleet collect ").append(quote(fleetId)).append(" --out ").append(quote(out)).append('\n');
        return s.toString();
    }

    /** {@code words} as one shell command line, each word quoted. */
    static String command(List<String> words) {
        return words.stream().map(SbatchScripts::quote).collect(Collectors.joining(" "));
    }

    /** {@code word} in single quotes, safe for any content. */
    static String quote(String word) {
        return word.matches("[A-Za-z0-9_./=:,+@%-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
