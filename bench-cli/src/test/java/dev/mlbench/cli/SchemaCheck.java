package dev.mlbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Validates real results files against docs/result-schema.v3.json. */
final class SchemaCheck {

    private static final JsonSchema SCHEMA = load();

    private SchemaCheck() {
    }

    private static JsonSchema load() {
        try (InputStream in = Files.newInputStream(Cli.home().resolve("docs/result-schema.v3.json"))) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses the file and asserts it conforms to the schema; returns the tree. */
    static JsonNode assertValid(Path resultsFile) throws IOException {
        JsonNode json = new ObjectMapper().readTree(resultsFile.toFile());
        Set<ValidationMessage> errors = SCHEMA.validate(json);
        assertEquals(Set.of(), errors, "schema violations in " + resultsFile);
        return json;
    }
}
