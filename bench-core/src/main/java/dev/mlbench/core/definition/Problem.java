package dev.mlbench.core.definition;

/**
 * One thing wrong with a track definition, located precisely enough to fix without searching.
 *
 * @param file    the definition file as given by the user
 * @param line    1-based line, or 0 when the problem concerns the whole file
 * @param column  1-based column, or 0 when unknown
 * @param path    the key path, e.g. {@code kernels[1].params.kc}; empty for the whole file
 * @param message what is wrong and what would be right
 */
public record Problem(String file, int line, int column, String path, String message) {

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ");
        if (!path.isEmpty()) {
            sb.append(path).append(": ");
        }
        return sb.append(message).toString();
    }
}
