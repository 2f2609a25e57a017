package io.lurker.tokenpool.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Hostile values for parameters and JSON bodies, used by {@link OpenApiSecurityProbe}. */
public final class Hostile {

    /** A lone high surrogate: not valid UTF-16 on its own, sent as its (invalid) UTF-8 bytes ED A0 80. */
    public static final String LONE_SURROGATE = "\uD800";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Values fitting in a request line (the HTTP server refuses lines over 4 KiB before any resource sees them). */
    public static final List<String> STRINGS = List.of(
            "' OR '1'='1",
            "1; DROP TABLE channel; --",
            "\" OR 1=1 --",
            "%' UNION SELECT NULL, version() --",
            "'); DELETE FROM chat_message; --",
            "a".repeat(2000),
            "",
            " ",
            "\u0000",
            "nul\u0000byte",
            LONE_SURROGATE,
            "low\uDC00surrogate",
            "\u202Eevil\u202C",
            "\uFEFFbom",
            "😀🏳️‍🌈",
            "e\u0301\u0301\u0301\u0301",
            "../../../etc/passwd",
            "<script>alert(1)</script>",
            "${jndi:ldap://127.0.0.1/x}",
            "%00%2e%2e%2f",
            "-1",
            "0",
            "-9223372036854775809",
            "9223372036854775808",
            "99999999999999999999999999999999",
            "1e309",
            "NaN",
            "-Infinity",
            "1.5",
            "0x10",
            "true",
            "null",
            "[]",
            "{}",
            "2026-13-45T99:99:99Z",
            "+999999999-12-31T23:59:59Z",
            "-999999999-01-01T00:00:00Z",
            "P99999999999D");

    private Hostile() {
    }

    /** The hostile strings for a parameter of this schema type (all of them: wrong types included on purpose). */
    static List<String> strings(String schemaType) {
        return STRINGS;
    }

    /** Hostile JSON bodies built from a sample: each field in turn (nested ones too) replaced by hostile values. */
    static Map<String, JsonNode> bodies(JsonNode sample, JsonNode schema, UnaryOperator<JsonNode> resolve) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        out.put("body {} (every field missing)", NODES.objectNode());
        if (sample.isObject()) {
            ObjectNode extra = sample.deepCopy();
            extra.put("unknownField\u0000", "x");
            out.put("body with an unknown field", extra);
        }
        List<List<Object>> paths = new ArrayList<>();
        collect(sample, new ArrayList<>(), paths);
        for (List<Object> path : paths) {
            String name = "body field " + describePath(path);
            for (JsonNode value : values()) {
                out.put(name + "=" + describe(value.toString()), replace(sample, path, value));
            }
        }
        return out;
    }

    /** Bodies that are not the JSON asked for at all. */
    static Map<String, String> rawBodies() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("empty body", "");
        out.put("body '{'", "{");
        out.put("body 'null'", "null");
        out.put("body '[]'", "[]");
        out.put("body '\"text\"'", "\"text\"");
        out.put("body '123'", "123");
        out.put("body not JSON", "' OR 1=1 --");
        out.put("body nested 5000 deep", "[".repeat(5000) + "]".repeat(5000));
        out.put("body with a lone surrogate escape", "{\"x\":\"\\ud800\"}");
        out.put("body of 200 000 characters", "{\"x\":\"" + "a".repeat(200_000) + "\"}");
        return out;
    }

    private static List<JsonNode> values() {
        List<JsonNode> out = new ArrayList<>();
        for (String s : STRINGS) {
            out.add(NODES.textNode(s));
        }
        out.add(NODES.textNode("b".repeat(100_000)));
        out.add(NODES.numberNode(-1));
        out.add(NODES.numberNode(Long.MAX_VALUE));
        out.add(NODES.numberNode(new BigInteger("9".repeat(60))));
        out.add(NODES.numberNode(-1e308));
        out.add(NODES.booleanNode(true));
        out.add(NODES.nullNode());
        out.add(NODES.objectNode().put("nested", "object"));
        ArrayNode big = NODES.arrayNode();
        for (int i = 0; i < 10_000; i++) {
            big.add("x" + i);
        }
        out.add(big);
        out.add(NODES.arrayNode());
        return out;
    }

    private static void collect(JsonNode node, List<Object> prefix, List<List<Object>> out) {
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
                String name = names.next();
                List<Object> path = new ArrayList<>(prefix);
                path.add(name);
                out.add(path);
                collect(node.get(name), path, out);
            }
        } else if (node.isArray() && node.size() > 0) {
            List<Object> path = new ArrayList<>(prefix);
            path.add(0);
            out.add(path);
            collect(node.get(0), path, out);
        }
    }

    private static JsonNode replace(JsonNode sample, List<Object> path, JsonNode value) {
        JsonNode copy = sample.deepCopy();
        JsonNode parent = copy;
        for (int i = 0; i < path.size() - 1; i++) {
            Object step = path.get(i);
            parent = step instanceof Integer index ? parent.get(index) : parent.get((String) step);
        }
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer index) {
            ((ArrayNode) parent).set(index, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
        return copy;
    }

    private static String describePath(List<Object> path) {
        StringBuilder out = new StringBuilder();
        for (Object step : path) {
            out.append(step instanceof Integer index ? "[" + index + "]" : (out.length() == 0 ? "" : ".") + step);
        }
        return out.toString();
    }

    /** A short printable form of a hostile value for violation messages. */
    static String describe(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(40).forEach(c -> {
            if (c < 0x20 || (c >= 0x7f && c < 0xa0) || (c >= 0xd800 && c <= 0xdfff) || c == 0x202e || c == 0x202c || c == 0xfeff) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        if (value.length() > 40) {
            out.append("…(").append(value.length()).append(" chars)");
        }
        return "'" + out + "'";
    }

    static boolean isLoneSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1)))) {
                return true;
            }
            if (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)))) {
                return true;
            }
        }
        return false;
    }

    /** UTF-8, except that an unpaired surrogate becomes its 3-byte form (invalid UTF-8, as a hostile client would send). */
    static byte[] bytes(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.writeBytes(value.substring(i, i + 2).getBytes(StandardCharsets.UTF_8));
                i++;
            } else if (Character.isSurrogate(c)) {
                out.write(0xE0 | (c >> 12));
                out.write(0x80 | ((c >> 6) & 0x3F));
                out.write(0x80 | (c & 0x3F));
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }
}
