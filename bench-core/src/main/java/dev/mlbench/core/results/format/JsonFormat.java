package dev.mlbench.core.results.format;

import dev.mlbench.core.results.ResultStore;
import dev.mlbench.core.results.RunFile;
import dev.mlbench.core.results.RunRecord;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/**
 * The results files' own JSON (docs/result-schema.md), for programs: one run as its record, several (the runs of
 * {@code bench run --repeat}) as an array of records, then a line break.
 */
public final class JsonFormat implements ResultFormat {

    @Override
    public void write(List<RunFile> runs, PrintWriter out) throws IOException {
        List<RunRecord> records = runs.stream().map(RunFile::record).toList();
        out.println(ResultStore.toJson(records.size() == 1 ? records.get(0) : records));
    }
}
