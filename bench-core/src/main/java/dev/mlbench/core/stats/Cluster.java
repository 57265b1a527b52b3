package dev.mlbench.core.stats;

import java.util.List;

/**
 * Samples with the structure they were measured in, for a {@link HierarchicalBootstrap}: iterations within a
 * fork (a leaf), forks within a run, runs within a merged set (groups).
 */
public sealed interface Cluster {

    /** The samples of one fork. */
    record Leaf(double[] values) implements Cluster {
        /** Needs at least one value. */
        public Leaf {
            if (values.length == 0) {
                throw new IllegalArgumentException("an empty leaf");
            }
        }
    }

    /** Independent units (forks, or runs of forks), each resampled as a whole. */
    record Group(List<Cluster> members) implements Cluster {
        /** Needs at least one member. */
        public Group {
            members = List.copyOf(members);
            if (members.isEmpty()) {
                throw new IllegalArgumentException("an empty group");
            }
        }
    }

    /** How many values the cluster holds. */
    default int size() {
        return switch (this) {
            case Leaf l -> l.values().length;
            case Group g -> g.members().stream().mapToInt(Cluster::size).sum();
        };
    }
}
