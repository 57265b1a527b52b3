package dev.mlbench.core.results;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed and impossible results files (test resources {@code results/hostile/}) are refused on read with
 * one line naming the file and the field, never read into records that the analyses would trip over.
 */
class HostileRunFileTest {

    /** A fixture by name. */
    static Path fixture(String name) {
        try {
            return Path.of(HostileRunFileTest.class.getResource("/results/hostile/" + name + ".json").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theFileTheFixturesAreEditedFromIsRead() {
        assertEquals(3, RunFile.read(fixture("valid")).record().results().size());
    }

    @Test
    void theSameShapeInTwoGroupsIsTwoMeasurementsNotADuplicate() throws Exception {
        TrialResult row = TestRuns.measured("vector", "cpu-vector", 8, TestRuns.samples(100, 0.01, 5, 1));
        TrialResult otherGroup = TrialResult.measured(new TrialResult.Subject(row.track(), row.kernel(), row.backend(), "decode", row.label(),
                row.params(), row.workload()), row.samplesNs(), null, null, row.stats(), row.metrics(), row.correctness());
        Path file = java.nio.file.Files.createTempFile("two-groups", ".json");
        try {
            java.nio.file.Files.writeString(file, ResultStore.toJson(TestRuns.run("r", TestRuns.env(), null, java.util.List.of(row, otherGroup))));
            assertEquals(2, RunFile.read(file).record().results().size());
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            null-row                  | results[1] is null; every row must be an object
            row-is-text               | results[2] is "a row"; every row must be an object
            row-without-status        | results[0].status is missing
            unknown-status            | results[0].status is "done"
            kernel-null               | results[0].kernel is null; it must be a non-empty string
            params-is-array           | results[0].params is [1,2]
            samples-nan-text          | results[0].samples_ns[0] is "NaN"; it must be a number
            samples-infinity-text     | results[0].samples_ns[0] is "Infinity"; it must be a number
            samples-negative          | results[0].samples_ns[0] is -1000.0; it must be positive
            samples-empty             | results[0].samples_ns is []; it must be a non-empty array
            median-negative           | results[0].stats.median_ns is -1000.0; it must be positive
            median-1e30               | results[0].stats.median_ns is 1.0E30; it must be positive and at most 1.0E15
            mean-1e400                | results[0].stats.mean_ns
            stats-missing-on-measured | results[0].stats is missing; a measured row must have its statistics
            stats-n-zero              | results[0].stats.n is 0
            metrics-nan-text          | results[0].metrics.gops is "NaN"; results hold finite numbers only
            baseline-speedup-negative | results[0].baseline.speedup is -2.0; it must be positive
            results-not-array         | results is {}; it must be an array of rows
            state-missing             | state is missing
            schema-one-and-a-half     | has schema_version 1.5
            schema-as-text            | has schema_version "2"
            duplicate-row             | results[3] repeats results[0]
            """)
    void aHostileFileIsRefusedInOneLineNamingTheFileAndTheField(String name, String expected) {
        Path file = fixture(name);
        String message = assertThrows(ResultFileException.class, () -> RunFile.read(file)).getMessage();
        assertTrue(message.startsWith(file.toString()), message);
        assertTrue(message.contains(expected), message);
        assertFalse(message.contains("\n"), message);
    }
}
