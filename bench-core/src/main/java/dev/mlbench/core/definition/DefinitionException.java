package dev.mlbench.core.definition;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a track definition has problems; carries every problem found, not just the first. */
public final class DefinitionException extends Exception {

    private final transient List<Problem> problems;

    public DefinitionException(List<Problem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in file order. */
    public List<Problem> problems() {
        return problems;
    }

    private static String render(List<Problem> problems) {
        String head = problems.size() == 1 ? "1 problem in the track definition:" : problems.size() + " problems in the track definitions:";
        return problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n", head + "\n", ""));
    }
}
