package dev.mlbench.predict;

import java.util.List;
import java.util.Map;

/**
 * A saved model, as JSON (docs/predict.md). Everything but {@code forest} is there for people and for the checks an
 * estimate makes; {@code forest} is the Tribuo ensemble as base64 of its gzipped protobuf.
 *
 * @param format           always {@value #FORMAT}: what tells a model from any other JSON file
 * @param formatVersion    {@value #FORMAT_VERSION}
 * @param createdAt        ISO-8601 time of training
 * @param track            the track it learnt
 * @param target           {@code time} or {@code energy}
 * @param response         what the trees learnt, in words
 * @param trainingFiles    the results files it learnt from
 * @param rows             rows learnt from
 * @param library          the learning library and the forest's settings
 * @param dimensions       the workload entries a {@code --shape AxBxC} gives, in the order the rows list them
 * @param workloadKeys     every workload entry, in the rows' order
 * @param workloadDefaults the most common value of each workload entry that is not a dimension (e.g. gemm's layout)
 * @param featureNames     the features, in the forest's order
 * @param featureRanges    the values each feature took in training, for the out-of-range warning
 * @param settings         every kernel setting seen, for {@code --best}
 * @param hosts            every host seen, with its calibration
 * @param heldOut          scores on shapes held out of a first fit (the saved forest then learnt every row)
 * @param forest           base64 of the forest's gzipped protobuf
 */
public record ModelFile(String format, int formatVersion, String createdAt, String track, String target, String response,
                        List<String> trainingFiles, int rows, Library library, List<String> dimensions, List<String> workloadKeys,
                        Map<String, Object> workloadDefaults, List<String> featureNames, Map<String, Range> featureRanges,
                        List<Setting> settings, List<HostSeen> hosts, Evaluation heldOut, String forest) {

    /** The value of {@code format}. */
    public static final String FORMAT = "bench-predict-model";
    /** The format version this build writes and reads. */
    public static final int FORMAT_VERSION = 1;

    /**
     * @param name      library name
     * @param version   its version
     * @param algorithm what was trained
     * @param trees     trees in the forest
     * @param seed      the seed of bagging and feature sampling
     */
    public record Library(String name, String version, String algorithm, int trees, long seed) {
    }

    /**
     * @param host the host
     * @param rows training rows measured on it
     */
    public record HostSeen(HostFacts host, int rows) {
    }
}
