package dev.mlbench.core.compare;

import dev.mlbench.core.results.RunFile;
import dev.mlbench.core.results.RunRecord;
import dev.mlbench.core.results.Status;
import dev.mlbench.core.results.TrialResult;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether CUR can stand for a run under test at all, checked before any row is compared. A gate that reads
 * "MISSING, no regression" for a run that measured nothing (an interrupted run refused by the JMH lock, an empty
 * file, another track's file, or a run that simply lost rows) would pass every pull request; these cases are
 * refused unless the caller says missing rows are expected ({@code --allow-missing}).
 */
public final class ComparePreconditions {

    /** How many of the rows CUR lacks the message names before it says "and N more". */
    private static final int NAMED = 3;

    private ComparePreconditions() {
    }

    /**
     * Why CUR cannot be compared with BASE as a complete run under test, or empty when it can: CUR did not
     * complete, holds no rows, shares no track with BASE, or lacks (without a row saying why) a row BASE
     * measured.
     */
    public static Optional<String> problem(RunFile base, RunFile cur) {
        RunRecord c = cur.record();
        if (!"complete".equals(c.state())) {
            return Optional.of(cur.path() + " is a run that did not complete (state " + c.state() + ", " + c.results().size()
                    + " row(s)); it cannot show that nothing regressed");
        }
        if (c.results().isEmpty()) {
            return Optional.of(cur.path() + " holds no rows: the run measured nothing");
        }
        Set<String> baseTracks = tracks(base.record());
        Set<String> curTracks = tracks(c);
        if (!baseTracks.isEmpty() && curTracks.stream().noneMatch(baseTracks::contains)) {
            return Optional.of(cur.path() + " is a run of track(s) " + String.join(", ", curTracks) + " but " + base.path()
                    + " of " + String.join(", ", baseTracks) + "; there is nothing to compare");
        }
        Set<RowKey> inCur = new HashSet<>();
        c.results().forEach(r -> inCur.add(RowKey.of(r)));
        Set<RowKey> lost = new LinkedHashSet<>();
        for (TrialResult r : base.record().results()) {
            RowKey key = RowKey.of(r);
            if (r.status() == Status.MEASURED && !inCur.contains(key)) {
                lost.add(key);
            }
        }
        if (!lost.isEmpty()) {
            List<String> named = lost.stream().limit(NAMED)
                    .map(k -> k.kernel() + " (" + k.backend() + ") " + k.workloadText() + " " + k.paramsText()).toList();
            return Optional.of(cur.path() + " has no row, not even a skipped or failed one, for " + lost.size() + " row(s) measured in "
                    + base.path() + ": " + String.join("; ", named) + (lost.size() > NAMED ? "; and " + (lost.size() - NAMED) + " more" : ""));
        }
        return Optional.empty();
    }

    /** The tracks of a run's rows, or of its settings when it has none. */
    private static Set<String> tracks(RunRecord r) {
        Set<String> t = new TreeSet<>();
        r.results().forEach(row -> t.add(row.track()));
        if (t.isEmpty() && r.settings() != null && r.settings().tracks() != null) {
            t.addAll(r.settings().tracks());
        }
        return t;
    }
}
