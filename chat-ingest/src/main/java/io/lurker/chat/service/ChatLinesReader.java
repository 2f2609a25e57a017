package io.lurker.chat.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lurker.tokenpool.problem.ProblemException;
import io.lurker.tokenpool.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads the body of the parse and import requests into lines, refusing bodies over the limit
 * with a 413 problem. Text bodies are split on LF (a CR before it is dropped) as bytes, so a
 * line that is not UTF-8 reaches the parser as received; blank lines are skipped.
 */
@ApplicationScoped
public class ChatLinesReader {

    private final ObjectMapper json;

    public ChatLinesReader(ObjectMapper json) {
        this.json = json;
    }

    /** One raw IRC line per LF-terminated line. */
    public List<InputLine> readText(InputStream body, Long contentLength, long limit) {
        byte[] all = readBounded(body, contentLength, limit);
        List<InputLine> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= all.length; i++) {
            if (i == all.length || all[i] == '\n') {
                int end = i;
                while (end > start && all[end - 1] == '\r') {
                    end--;
                }
                if (!blank(all, start, end)) {
                    lines.add(InputLine.ofBytes(Arrays.copyOfRange(all, start, end)));
                }
                start = i + 1;
            }
        }
        return lines;
    }

    /** A JSON array whose elements are raw lines or {@code {"raw": "...", "receivedAt": "RFC 3339"}} objects. */
    public List<InputLine> readJson(InputStream body, Long contentLength, long limit) {
        byte[] all = readBounded(body, contentLength, limit);
        JsonNode root;
        try {
            root = json.readTree(all);
        } catch (JsonProcessingException e) {
            throw malformed("The JSON body cannot be read: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw malformed("The JSON body cannot be read");
        }
        if (root == null || !root.isArray()) {
            throw malformed("Send a JSON array of raw IRC lines (strings) or of {\"raw\", \"receivedAt\"} objects");
        }
        List<InputLine> lines = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode element = root.get(i);
            if (element.isTextual()) {
                if (!element.asText().isBlank()) {
                    lines.add(InputLine.ofText(element.asText(), null));
                }
            } else if (element.isObject() && element.path("raw").isTextual()) {
                Instant receivedAt = null;
                JsonNode at = element.path("receivedAt");
                if (!at.isMissingNode() && !at.isNull()) {
                    try {
                        receivedAt = Instant.parse(at.asText());
                    } catch (DateTimeParseException e) {
                        throw ProblemException.badParameter("[" + i + "].receivedAt",
                                "must be an RFC 3339 UTC time such as 2024-05-01T12:00:00Z");
                    }
                }
                if (!element.path("raw").asText().isBlank()) {
                    lines.add(InputLine.ofText(element.path("raw").asText(), receivedAt));
                }
            } else {
                throw ProblemException.badParameter("[" + i + "]",
                        "must be a string (a raw IRC line) or an object with a string field 'raw'");
            }
        }
        return lines;
    }

    private static byte[] readBounded(InputStream body, Long contentLength, long limit) {
        if (contentLength != null && contentLength > limit) {
            throw tooLarge(limit);
        }
        if (body == null) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(
                (int) Math.min(limit, contentLength == null || contentLength < 0 ? 8192 : contentLength));
        byte[] chunk = new byte[16384];
        long total = 0;
        try {
            int read;
            while ((read = body.read(chunk)) >= 0) {
                total += read;
                if (total > limit) {
                    throw tooLarge(limit);
                }
                out.write(chunk, 0, read);
            }
        } catch (IOException e) {
            throw malformed("The body could not be read to its end");
        }
        return out.toByteArray();
    }

    private static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private static ProblemException tooLarge(long limit) {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, 413,
                "The body is larger than " + limit + " bytes; split it into several requests",
                Map.of("limitBytes", limit));
    }

    private static ProblemException malformed(String detail) {
        return new ProblemException(ProblemType.MALFORMED_BODY, 400, detail);
    }
}
