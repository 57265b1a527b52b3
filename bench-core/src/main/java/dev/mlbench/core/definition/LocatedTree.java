package dev.mlbench.core.definition;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.LoaderOptions;
import com.fasterxml.jackson.core.JsonFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML or JSON document read into a Jackson tree, remembering the line and column of every value by
 * its key path, so validation can point at the exact place. Duplicate keys are reported as problems.
 */
final class LocatedTree {

    /** Input the reader refuses to go on with: one problem, and no tree. */
    private static final class Refused extends RuntimeException {
        final Problem problem;

        Refused(Problem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }
    }

    /** Line and column of a value. */
    record Location(int line, int column) {
    }

    private final JsonNode root;
    private final Map<String, Location> locations;
    private final List<Problem> problems;

    private LocatedTree(JsonNode root, Map<String, Location> locations, List<Problem> problems) {
        this.root = root;
        this.locations = locations;
        this.problems = problems;
    }

    /** The document root, or null when the document could not be parsed. */
    JsonNode root() {
        return root;
    }

    /** Problems found while reading (syntax errors, duplicate keys). */
    List<Problem> problems() {
        return problems;
    }

    /** Where the value at {@code path} starts; the nearest enclosing value when the path has no value. */
    Location locate(String path) {
        String p = path;
        while (true) {
            Location l = locations.get(p);
            if (l != null || p.isEmpty()) {
                return l == null ? new Location(0, 0) : l;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
    }

    /** Reads {@code text}; YAML unless the file name ends in {@code .json}. */
    static LocatedTree read(String fileName, String text) {
        JsonFactory factory = factory(fileName.endsWith(".json"));
        Map<String, Location> locations = new HashMap<>();
        List<Problem> problems = new ArrayList<>();
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.add(new Problem(fileName, 0, 0, "", "the file is empty"));
                return new LocatedTree(null, locations, problems);
            }
            JsonNode root = readValue(parser, "", 0, fileName, locations, problems);
            return new LocatedTree(root, locations, problems);
        } catch (Refused e) {
            problems.add(e.problem);
            return new LocatedTree(null, locations, problems);
        } catch (StreamConstraintsException e) {
            problems.add(new Problem(fileName, 0, 0, "", "exceeds a limit of definitions: " + e.getMessage()));
            return new LocatedTree(null, locations, problems);
        } catch (JsonParseException e) {
            JsonLocation l = e.getLocation();
            problems.add(new Problem(fileName, l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(), "",
                    "not valid " + (fileName.endsWith(".json") ? "JSON" : "YAML") + ": " + e.getOriginalMessage()));
            return new LocatedTree(null, locations, problems);
        } catch (IOException e) {
            problems.add(new Problem(fileName, 0, 0, "", "cannot be read: " + e.getMessage()));
            return new LocatedTree(null, locations, problems);
        }
    }

    /**
     * A parser factory with the definition limits: scalars, nesting and (for YAML) the document's code points are
     * capped in the parser itself, as a second line behind the size check of {@link DefinitionLoader}.
     */
    private static JsonFactory factory(boolean json) {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxStringLength(DefinitionLoader.MAX_SCALAR_CHARS * 2) // ours below names the line; this bounds the buffer
                .maxNestingDepth(DefinitionLoader.MAX_NESTING * 2)
                .maxNameLength(DefinitionLoader.MAX_SCALAR_CHARS * 2)
                .build();
        if (json) {
            return JsonFactory.builder().streamReadConstraints(constraints).build();
        }
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(DefinitionLoader.MAX_DEFINITION_BYTES);
        options.setNestingDepthLimit(DefinitionLoader.MAX_NESTING * 2);
        options.setMaxAliasesForCollections(1); // every alias is refused below; this bounds what SnakeYAML expands
        return YAMLFactory.builder().loaderOptions(options).streamReadConstraints(constraints).build();
    }

    private static JsonNode readValue(JsonParser p, String path, int depth, String file, Map<String, Location> locations,
                                      List<Problem> problems) throws IOException {
        JsonLocation start = p.currentTokenLocation();
        locations.put(path, new Location(start.getLineNr(), start.getColumnNr()));
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        JsonToken token = p.currentToken();
        if (p instanceof YAMLParser yaml) {
            // Jackson hands an alias over as a string holding the anchor's name (kernels: [*reference] would become
            // the kernel "reference"), and an anchor's value as if it had none: refuse both rather than guess
            if (yaml.isCurrentAlias()) {
                throw new Refused(new Problem(file, start.getLineNr(), start.getColumnNr(), path,
                        "YAML aliases (*" + p.getText() + ") are not supported: write the value out"));
            }
            String anchor = yaml.getObjectId() == null ? null : yaml.getObjectId().toString();
            if (anchor != null) {
                throw new Refused(new Problem(file, start.getLineNr(), start.getColumnNr(), path,
                        "YAML anchors (&" + anchor + ") are not supported: write the value out where it is used"));
            }
        }
        if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && depth >= DefinitionLoader.MAX_NESTING) {
            throw new Refused(new Problem(file, start.getLineNr(), start.getColumnNr(), path,
                    "nesting deeper than " + DefinitionLoader.MAX_NESTING + " lists and maps"));
        }
        if (token == JsonToken.VALUE_STRING && p.getTextLength() > DefinitionLoader.MAX_SCALAR_CHARS) {
            throw new Refused(new Problem(file, start.getLineNr(), start.getColumnNr(), path,
                    "a value longer than " + DefinitionLoader.MAX_SCALAR_CHARS + " characters"));
        }
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    if (key.length() > DefinitionLoader.MAX_SCALAR_CHARS) {
                        JsonLocation at = p.currentTokenLocation();
                        throw new Refused(new Problem(file, at.getLineNr(), at.getColumnNr(), path,
                                "a key longer than " + DefinitionLoader.MAX_SCALAR_CHARS + " characters"));
                    }
                    String childPath = path.isEmpty() ? key : path + "." + key;
                    JsonLocation keyAt = p.currentTokenLocation();
                    p.nextToken();
                    JsonNode child = readValue(p, childPath, depth + 1, file, locations, problems);
                    locations.put(childPath, new Location(keyAt.getLineNr(), keyAt.getColumnNr()));
                    if (object.has(key)) {
                        problems.add(new Problem(file, keyAt.getLineNr(), keyAt.getColumnNr(), childPath,
                                "duplicate key '" + key + "'"));
                    }
                    object.set(key, child);
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readValue(p, path + "[" + i + "]", depth + 1, file, locations, problems));
                    i++;
                }
                return array;
            }
            case VALUE_STRING -> {
                return nodes.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? nodes.numberNode(p.getBigIntegerValue()) : nodes.numberNode(p.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return nodes.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return nodes.booleanNode(p.getBooleanValue());
            }
            case VALUE_NULL -> {
                return nodes.nullNode();
            }
            default -> throw new JsonParseException(p, "unexpected " + token);
        }
    }
}
