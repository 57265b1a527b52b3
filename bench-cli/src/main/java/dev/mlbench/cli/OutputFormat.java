package dev.mlbench.cli;

/** How a command prints its result. */
enum OutputFormat {
    /** Aligned columns for people. */
    table,
    /** JSON for programs. */
    json
}
