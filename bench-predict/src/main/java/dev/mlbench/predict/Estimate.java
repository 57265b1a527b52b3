package dev.mlbench.predict;

import java.util.List;

/**
 * A model's estimate for one kernel setting on one shape.
 *
 * @param setting    kernel and parameters
 * @param interval   the prediction and the spread of the trees, in the target's unit
 * @param rooflineNs the roofline time of the shape on the host
 * @param warnings   what lies outside the training data (shape, host, an unseen parameter value)
 */
public record Estimate(Setting setting, Interval interval, double rooflineNs, List<String> warnings) {
}
