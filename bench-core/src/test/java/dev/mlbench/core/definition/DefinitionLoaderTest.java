package dev.mlbench.core.definition;

import dev.mlbench.core.measure.Profile;
import dev.mlbench.core.registry.Registry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each class of bad definition is reported with its file, line, key path and a useful message. */
class DefinitionLoaderTest {

    private static final long HEAP = 1L << 30;
    private final DefinitionLoader loader = new DefinitionLoader(Registry.builtIn(), HEAP);

    private static final String GOOD = """
            track: axpy
            seed: 7
            workloads:
              - name: small
                shapes:
                  - {n: 100}
                  - {n: 200, a: 3.5}
              - name: sweep
                profiles: [standard]
                sweep: {n: [10, 20, 30], a: [1.0, 2.0]}
            kernels:
              - name: plain
                params: {unroll: [1, 4]}
            profiles:
              quick: {iterations: 3, iteration_ms: 50}
            """;

    private List<Problem> problems(String fileName, String text) {
        DefinitionException e = assertThrows(DefinitionException.class, () -> loader.parse(fileName, text));
        return e.problems();
    }

    private Problem only(String text) {
        List<Problem> p = problems("t.yaml", text);
        assertEquals(1, p.size(), () -> "expected one problem, got " + p);
        return p.get(0);
    }

    @Test
    void aValidDefinitionExpandsShapesSweepsAndKernelSettings() throws Exception {
        TrackDefinition d = loader.parse("good.yaml", GOOD);
        assertEquals("axpy", d.track());
        assertEquals(7, d.seed());
        assertEquals(2, d.groups().get(0).workloads().size());
        assertEquals(2.0, d.groups().get(0).workloads().get(0).getDouble("a"), "default filled in");
        assertEquals(6, d.groups().get(1).workloads().size(), "3 x 2 cartesian product");
        assertEquals(java.util.Set.of(Profile.STANDARD), d.groups().get(1).profiles());
        assertEquals(2, d.kernels().get(0).settings().size());
        assertEquals(3, d.profiles().get(Profile.QUICK).iterations());
        assertEquals(Profile.QUICK.defaults().forks(), d.profiles().get(Profile.QUICK).forks(), "unset keys keep defaults");
    }

    @Test
    void jsonIsAcceptedWhenTheFileEndsInJson() throws Exception {
        TrackDefinition d = loader.parse("def.json", """
                {"track": "axpy", "workloads": [{"name": "w", "shapes": [{"n": 8}]}]}
                """);
        assertEquals(1, d.kernels().size(), "no kernels key selects every kernel of the track");
    }

    @Test
    void aGroupMayAskForColdCachesAndNothingElse() throws Exception {
        TrackDefinition d = loader.parse("t.yaml", GOOD.replace("profiles: [standard]", "profiles: [standard]\n    cache: cold"));
        assertEquals(CacheState.WARM, d.groups().get(0).cache(), "warm unless asked");
        assertEquals(CacheState.COLD, d.groups().get(1).cache());
        Problem p = only(GOOD.replace("profiles: [standard]", "profiles: [standard]\n    cache: lukewarm"));
        assertEquals("workloads[1].cache", p.path());
        assertTrue(p.message().contains("'warm'") && p.message().contains("'cold'") && p.message().contains("lukewarm"), p.message());
    }

    @Test
    void unknownKeySuggestsTheClosestValidOne() {
        Problem p = only(GOOD.replace("seed: 7", "sede: 7"));
        assertEquals("sede", p.path());
        assertEquals(2, p.line());
        assertTrue(p.message().contains("did you mean 'seed'"), p.message());
    }

    @Test
    void wrongTypeNamesTheExpectedType() {
        Problem p = only(GOOD.replace("{n: 100}", "{n: \"big\"}"));
        assertEquals("workloads[0].shapes[0].n", p.path());
        assertEquals(6, p.line());
        assertTrue(p.message().contains("must be an integer"), p.message());
    }

    @Test
    void nonPositiveDimensionIsRefusedWithTheAllowedRange() {
        Problem p = only(GOOD.replace("{n: 100}", "{n: 0}"));
        assertTrue(p.message().contains("must be from 1 to"), p.message());
    }

    @Test
    void absurdDimensionIsRefused() {
        Problem p = only(GOOD.replace("{n: 100}", "{n: 99999999999}"));
        assertTrue(p.message().contains("got 99999999999"), p.message());
    }

    @Test
    void workloadLargerThanTheHeapIsRefusedWithTheEstimate() {
        Problem p = only(GOOD.replace("{n: 100}", "{n: 1000000000}"));
        assertTrue(p.message().contains("needs an estimated 14.9 GiB of heap, more than the 1.0 GiB"), p.message());
    }

    @Test
    void unknownTrackSuggestsTheClosestName() {
        List<Problem> p = problems("t.yaml", GOOD.replace("track: axpy", "track: axyp"));
        assertEquals("track", p.get(0).path());
        assertTrue(p.get(0).message().contains("unknown track 'axyp' (did you mean 'axpy'?"), p.get(0).message());
    }

    @Test
    void unknownKernelSuggestsTheClosestName() {
        Problem p = only(GOOD.replace("name: plain", "name: plan"));
        assertEquals("kernels[0].name", p.path());
        assertTrue(p.message().contains("did you mean 'plain'"), p.message());
    }

    @Test
    void everyKernelAcceptsASweptThreadsParameter() throws Exception {
        TrackDefinition d = loader.parse("t.yaml", GOOD.replace("params: {unroll: [1, 4]}", "params: {unroll: 4, threads: [1, 2]}"));
        assertEquals(List.of(1L, 2L), d.kernels().get(0).settings().stream().map(v -> ((Number) v.asMap().get("threads")).longValue()).toList());
        Problem p = only(GOOD.replace("params: {unroll: [1, 4]}", "params: {threads: 0}"));
        assertEquals("kernels[0].params.threads", p.path());
    }

    @Test
    void baselineMustBeOneOfTheDefinitionsKernels() throws Exception {
        assertEquals(java.util.Optional.of("plain"), loader.parse("t.yaml", GOOD.replace("seed: 7", "seed: 7\nbaseline: plain")).baseline());
        assertEquals(java.util.Optional.empty(), loader.parse("t.yaml", GOOD).baseline());
        Problem p = only(GOOD.replace("seed: 7", "seed: 7\nbaseline: plane"));
        assertEquals("baseline", p.path());
        assertTrue(p.message().contains("'plane' is not one of the definition's kernels (valid: plain)"), p.message());
    }

    @Test
    void unknownKernelParameterIsReported() {
        Problem p = only(GOOD.replace("unroll:", "unrol:"));
        assertEquals("kernels[0].params.unrol", p.path());
        assertTrue(p.message().contains("did you mean 'unroll'"), p.message());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String bad = GOOD.replace("seed: 7", "seed: seven").replace("{n: 100}", "{n: -1}").replace("name: plain", "name: nope")
                .replace("quick:", "quik:");
        List<Problem> p = problems("t.yaml", bad);
        assertEquals(4, p.size(), p::toString);
        assertTrue(p.get(0).toString().startsWith("t.yaml:2:"), p.get(0).toString());
    }

    @Test
    void missingWorkloadsIsReported() {
        Problem p = only("track: axpy\n");
        assertTrue(p.message().contains("missing required key 'workloads'"), p.message());
    }

    @Test
    void shapesAndSweepTogetherAreAmbiguous() {
        Problem p = only(GOOD.replace("    sweep: {n: [10, 20, 30], a: [1.0, 2.0]}",
                "    sweep: {n: [10]}\n    shapes: [{n: 1}]"));
        assertTrue(p.message().contains("exactly one of 'shapes'"), p.message());
    }

    @Test
    void emptySweepListIsReported() {
        Problem p = only(GOOD.replace("n: [10, 20, 30]", "n: []"));
        assertTrue(p.message().contains("an empty list sweeps nothing"), p.message());
    }

    @Test
    void workloadTheTrackRejectsCarriesTheTracksReason() {
        Problem p = only(GOOD.replace("{n: 100}", "{n: 13}"));
        assertTrue(p.message().contains("13 is unlucky"), p.message());
    }

    @Test
    void duplicateKeysAndGroupNamesAreReported() {
        List<Problem> p = problems("t.yaml", GOOD.replace("seed: 7", "seed: 7\nseed: 8").replace("name: sweep", "name: small"));
        assertEquals(2, p.size(), p::toString);
        assertTrue(p.stream().anyMatch(x -> x.message().contains("duplicate key 'seed'")), p::toString);
        assertTrue(p.stream().anyMatch(x -> x.message().contains("'small' is defined twice")), p::toString);
    }

    @Test
    void kernelRestrictedToAnUnknownGroupIsReported() {
        Problem p = only(GOOD.replace("params: {unroll: [1, 4]}", "workloads: [smal]"));
        assertTrue(p.message().contains("unknown workload group 'smal' (did you mean 'small'?"), p.message());
    }

    @Test
    void negativeToleranceIsReported() {
        Problem p = only(GOOD.replace("seed: 7", "seed: 7\ntolerance: {rtol: -1}"));
        assertEquals("tolerance.rtol", p.path());
    }

    @Test
    void unknownProfileIsReported() {
        Problem p = only(GOOD.replace("profiles: [standard]", "profiles: [standrd]"));
        assertTrue(p.message().contains("did you mean 'standard'"), p.message());
    }

    @Test
    void profileSettingOutOfRangeIsReported() {
        Problem p = only(GOOD.replace("iterations: 3", "iterations: 0"));
        assertEquals("profiles.quick.iterations", p.path());
    }

    @Test
    void malformedYamlGivesTheLine() {
        Problem p = only("track: axpy\nworkloads: [\n  - {n: 1\n");
        assertTrue(p.message().startsWith("not valid YAML"), p.message());
        assertTrue(p.line() > 0);
    }

    @Test
    void emptyFileIsReported() {
        assertTrue(only("").message().contains("empty"));
    }

    @Test
    void missingFileIsReported() {
        DefinitionException e = assertThrows(DefinitionException.class, () -> loader.load(java.nio.file.Path.of("no/such.yaml")));
        assertTrue(e.getMessage().contains("no/such.yaml: cannot be read: no such file"), e.getMessage());
    }
}
