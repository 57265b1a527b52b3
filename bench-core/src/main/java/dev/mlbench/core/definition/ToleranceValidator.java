package dev.mlbench.core.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlbench.core.spi.Tolerance;

import java.util.List;
import java.util.Optional;

import static dev.mlbench.core.definition.ProblemCollector.describe;

/** A {@code tolerance} section, the definition's or a kernel's: {@code atol} and {@code rtol}, each finite and >= 0. */
final class ToleranceValidator {

    private static final List<String> KEYS = List.of("atol", "rtol");

    private final ProblemCollector problems;

    ToleranceValidator(ProblemCollector problems) {
        this.problems = problems;
    }

    /** The tolerance at {@code path}, unset bounds 0; empty when any part is wrong. */
    Optional<Tolerance> validate(JsonNode node, String path) {
        if (!node.isObject()) {
            problems.report(path, "must be a mapping with 'atol' and/or 'rtol', got " + describe(node));
            return Optional.empty();
        }
        problems.unknownKeys(node, path, KEYS);
        double[] v = {0, 0};
        boolean ok = true;
        for (int i = 0; i < 2; i++) {
            JsonNode x = node.get(KEYS.get(i));
            if (x == null) {
                continue;
            }
            if (!x.isNumber() || !(x.asDouble() >= 0) || Double.isInfinite(x.asDouble())) {
                problems.report(path + "." + KEYS.get(i), "must be a finite number >= 0, got " + describe(x));
                ok = false;
            } else {
                v[i] = x.asDouble();
            }
        }
        return ok ? Optional.of(new Tolerance(v[0], v[1])) : Optional.empty();
    }
}
