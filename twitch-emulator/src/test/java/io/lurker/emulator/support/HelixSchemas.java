package io.lurker.emulator.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates Helix answers against the 200-response schemas of {@code helix-openapi-subset.json}.
 * Strict: every object schema that lists properties is closed ({@code additionalProperties:
 * false}), so a misspelt or extra field fails as well as a missing or mistyped one.
 * Deviations where REFERENCE.md describes Twitch differently than the subset (and the
 * emulator follows REFERENCE.md) are patched here and listed in the README.
 */
public final class HelixSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode DOCUMENT = load();
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private HelixSchemas() {
    }

    private static JsonNode load() {
        try (InputStream in = HelixSchemas.class.getClassLoader().getResourceAsStream("helix-openapi-subset.json")) {
            ObjectNode doc = (ObjectNode) JSON.readTree(in);
            ObjectNode schemas = (ObjectNode) doc.path("components").path("schemas");
            // REFERENCE.md: schedule vacation and segment category may be null; pagination sits beside data
            ObjectNode schedule = (ObjectNode) schemas.path("GetChannelStreamScheduleResponse");
            ((ObjectNode) schedule.path("properties").path("data").path("properties").path("vacation")).put("nullable", true);
            ObjectNode pagination = (ObjectNode) schedule.path("properties").path("data").path("properties").path("pagination").deepCopy();
            schedule.with("properties").set("pagination", pagination);
            ((ObjectNode) schemas.path("ChannelStreamScheduleSegment").path("properties").path("category")).put("nullable", true);
            close(doc.path("components"));
            return doc;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void close(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("properties") && object.path("properties").isObject() && !object.has("additionalProperties")
                    && "object".equals(object.path("type").asText("object"))) {
                object.put("additionalProperties", false);
            }
            for (Iterator<JsonNode> it = object.elements(); it.hasNext(); ) {
                close(it.next());
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(HelixSchemas::close);
        }
    }

    /** Name of the 200-response schema of a path, e.g. {@code /streams} → GetStreamsResponse. */
    public static String responseSchemaName(String path) {
        String ref = DOCUMENT.path("paths").path(path).path("get").path("responses").path("200").path("content")
                .path("application/json").path("schema").path("$ref").asText();
        if (ref.isEmpty()) {
            throw new IllegalArgumentException("no 200 schema for " + path);
        }
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    /** Validation errors of {@code body} against the 200-response schema of {@code path}. */
    public static Set<ValidationMessage> validate(String path, String body) {
        JsonSchema schema = CACHE.computeIfAbsent(path, p -> {
            ObjectNode root = JSON.createObjectNode();
            root.put("$ref", "#/components/schemas/" + responseSchemaName(p));
            root.set("components", DOCUMENT.path("components"));
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
                    b -> b.metaSchema(OpenApi30.getInstance()).defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return factory.getSchema(root, config);
        });
        try {
            return schema.validate(JSON.readTree(body));
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }
}
