package dev.mlbench.core.definition;

import dev.mlbench.core.measure.Profile;
import dev.mlbench.core.measure.ProfileSetting;
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
    void everyProfileSettingIsReadByItsKeyAndKeepsTheOthersDefaults() throws Exception {
        for (ProfileSetting setting : ProfileSetting.values()) {
            for (int value : new int[] {setting.min(), setting.max()}) {
                TrackDefinition d = loader.parse("t.yaml", GOOD.replace("quick: {iterations: 3, iteration_ms: 50}",
                        "standard: {" + setting.key() + ": " + value + "}"));
                assertEquals(Profile.STANDARD.defaults().with(setting, value), d.profiles().get(Profile.STANDARD), setting::key);
                assertEquals(Profile.QUICK.defaults(), d.profiles().get(Profile.QUICK), "a profile not named keeps its defaults");
            }
        }
    }

    @Test
    void aProfileSettingOutsideItsBoundsNamesThem() {
        for (ProfileSetting setting : ProfileSetting.values()) {
            for (long value : new long[] {setting.min() - 1L, setting.max() + 1L}) {
                Problem p = only(GOOD.replace("quick: {iterations: 3, iteration_ms: 50}", "standard: {" + setting.key() + ": " + value + "}"));
                assertEquals("t.yaml:15:14: profiles.standard." + setting.key() + ": must be an integer from " + setting.min()
                        + " to " + setting.max() + ", got " + value, p.toString());
            }
        }
    }

    @Test
    void aProfileSettingThatIsNoIntegerSaysWhatItGot() {
        Problem p = only(GOOD.replace("iterations: 3", "iterations: many"));
        assertEquals("profiles.quick.iterations: must be an integer from 1 to 10000, got the string \"many\"",
                p.path() + ": " + p.message());
    }

    @Test
    void anUnknownProfileSettingSuggestsTheClosestKey() {
        Problem p = only(GOOD.replace("iterations: 3", "iteration: 3"));
        assertEquals("profiles.quick.iteration", p.path());
        assertTrue(p.message().startsWith("unknown key 'iteration' (did you mean 'iterations'"), p.message());
    }

    @Test
    void problemsOfEverySectionAreReportedWordForWordInTheirOrder() {
        DefinitionException e = assertThrows(DefinitionException.class, () -> loader.parse("all.yaml", EVERY_SECTION_WRONG));
        assertEquals(EVERY_SECTION_WRONG_REPORT, e.getMessage());
    }

    private static final String EVERY_SECTION_WRONG = """
            track: axpy
            sede: 7
            seed: seven
            tolerance: {atol: -1, rtl: 0}
            baseline: plane
            workloads:
              - name: small
                profiles: [quik]
                cache: lukewarm
                shapes:
                  - {n: 0}
                  - {n: 13}
                  - {n: 100, b: 1}
              - name: small
                sweep: {n: []}
              - name: swept
                sweep: {n: [10, 20], a: "x"}
              - 5
            kernels:
              - name: plain
                params: {unroll: [0, 4], unrol: 1}
                workloads: [smal]
                tolerance: {rtol: "tight"}
              - nope
              - 7
            profiles:
              quick: {forks: 0, iterations: many, iteration: 5}
              quik: {}
              standard: 3
            """;

    private static final String EVERY_SECTION_WRONG_REPORT = """
            25 problems in the track definitions:
              all.yaml:2:1: sede: unknown key 'sede' (did you mean 'seed'? valid: baseline, description, kernels, profiles, seed, tolerance, track, workloads)
              all.yaml:3:1: seed: must be an integer, got the string "seven"
              all.yaml:4:23: tolerance.rtl: unknown key 'rtl' (did you mean 'rtol'? valid: atol, rtol)
              all.yaml:4:13: tolerance.atol: must be a finite number >= 0, got -1
              all.yaml:8:16: workloads[0].profiles[0]: unknown profile 'quik' (did you mean 'quick'? valid: gate, quick, standard, thorough)
              all.yaml:11:10: workloads[0].shapes[0].n: must be from 1 to 1073741824 (vector length), got 0
              all.yaml:12:9: workloads[0].shapes[1]: invalid workload {n=13, a=2.0}: 13 is unlucky
              all.yaml:13:18: workloads[0].shapes[2].b: unknown workload parameter of track axpy 'b' (did you mean 'n'? valid: a, n)
              all.yaml:9:5: workloads[0].cache: must be 'warm' (operands stay in cache between calls) or 'cold' (every call finds them evicted), got the string "lukewarm"
              all.yaml:14:5: workloads[1].name: workload group 'small' is defined twice
              all.yaml:15:13: workloads[1].sweep.n: an empty list sweeps nothing; give at least one value
              all.yaml:17:26: workloads[2].sweep.a: must be a number (scale), got the string "x"
              all.yaml:18:5: workloads[3]: a workload group must be a mapping with keys [name, profiles, shapes, sweep, cache], got 5
              all.yaml:21:30: kernels[0].params.unrol: unknown parameter of kernel plain 'unrol' (did you mean 'unroll'? valid: unroll)
              all.yaml:21:14: kernels[0].params.unroll: must be from 1 to 16 (loop unroll factor), got 0
              all.yaml:22:17: kernels[0].workloads[0]: unknown workload group 'smal' (did you mean 'small'? valid: small, swept)
              all.yaml:23:17: kernels[0].tolerance.rtol: must be a finite number >= 0, got the string "tight"
              all.yaml:24:5: kernels[1]: unknown kernel 'nope' for track axpy (valid: plain)
              all.yaml:25:5: kernels[2]: a kernel must be a name or a mapping with 'name', got 7
              all.yaml:27:39: profiles.quick.iteration: unknown key 'iteration' (did you mean 'iterations'? valid: forks, iteration_ms, iterations, settle_ms, timeout_s, warmup_iterations, warmup_ms)
              all.yaml:27:11: profiles.quick.forks: must be an integer from 1 to 100, got 0
              all.yaml:27:21: profiles.quick.iterations: must be an integer from 1 to 10000, got the string "many"
              all.yaml:28:3: profiles.quik: unknown profile 'quik' (did you mean 'quick'? valid: gate, quick, standard, thorough)
              all.yaml:29:3: profiles.standard: must be a mapping of settings [forks, warmup_iterations, warmup_ms, iterations, iteration_ms, timeout_s, settle_ms], got 3
              all.yaml:5:1: baseline: baseline 'plane' is not one of the definition's kernels (valid: plain)""";

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
