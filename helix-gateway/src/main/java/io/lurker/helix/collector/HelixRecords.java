package io.lurker.helix.collector;

import com.fasterxml.jackson.databind.JsonNode;
import io.lurker.contracts.catalog.ClipRecord;
import io.lurker.contracts.catalog.ClipViewsSample;
import io.lurker.contracts.catalog.VodRecord;
import io.lurker.contracts.stream.StreamSnapshot;
import io.lurker.helix.client.HelixFields;
import io.lurker.helix.client.MalformedHelixAnswer;
import io.lurker.helix.service.VodDuration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Helix rows → contracts records. */
final class HelixRecords {

    private HelixRecords() {
    }

    /** A {@code /streams} row; ids, {@code viewer_count} and a well-formed {@code started_at} are required. */
    static StreamSnapshot stream(JsonNode s) {
        String p = "streams";
        return new StreamSnapshot(HelixFields.id(p, s, "user_id"), text(p, s, "user_login"), text(p, s, "user_name"),
                HelixFields.id(p, s, "id"), HelixFields.intCount(p, s, "viewer_count"), text(p, s, "game_id"),
                text(p, s, "game_name"), text(p, s, "title"), text(p, s, "language"), HelixFields.optionalTime(p, s, "started_at"),
                strings(p, s, "tags"));
    }

    /** A {@code /clips} row; ids, {@code view_count}, {@code created_at} and {@code duration} are required. */
    static ClipRecord clip(JsonNode c) {
        String p = "clips";
        JsonNode offset = c.path("vod_offset");
        Integer vodOffset = offset.isMissingNode() || offset.isNull() ? null : HelixFields.intCount(p, c, "vod_offset");
        return new ClipRecord(HelixFields.id(p, c, "id"), text(p, c, "url"), text(p, c, "embed_url"),
                HelixFields.id(p, c, "broadcaster_id"), text(p, c, "broadcaster_name"), text(p, c, "creator_id"),
                text(p, c, "creator_name"), text(p, c, "video_id"), text(p, c, "game_id"), text(p, c, "language"),
                text(p, c, "title"), HelixFields.count(p, c, "view_count"), HelixFields.time(p, c, "created_at"),
                text(p, c, "thumbnail_url"), HelixFields.seconds(p, c, "duration"), vodOffset, HelixFields.flag(p, c, "is_featured"));
    }

    /** A {@code /clips} row's view count now. */
    static ClipViewsSample clipViews(JsonNode c, Instant now) {
        return new ClipViewsSample(HelixFields.id("clips", c, "id"), HelixFields.count("clips", c, "view_count"), now);
    }

    /**
     * A {@code /videos} row; ids, {@code view_count}, {@code created_at} and a {@code duration}
     * such as {@code 1h2m3s} are required; {@code muted_segments} is null or an array of whole
     * offsets and durations.
     */
    static VodRecord vod(JsonNode v) {
        String p = "videos";
        List<VodRecord.MutedSegment> muted = new ArrayList<>();
        JsonNode segments = v.path("muted_segments");
        if (!segments.isMissingNode() && !segments.isNull() && !segments.isArray()) {
            throw new MalformedHelixAnswer(p, "muted_segments", "not an array");
        }
        for (JsonNode m : segments) {
            if (!m.isObject()) {
                throw new MalformedHelixAnswer(p, "muted_segments", "not an array of objects");
            }
            muted.add(new VodRecord.MutedSegment(HelixFields.intCount(p, m, "offset"), HelixFields.intCount(p, m, "duration")));
        }
        String duration = text(p, v, "duration");
        long seconds;
        try {
            seconds = VodDuration.seconds(duration);
        } catch (IllegalArgumentException e) {
            throw new MalformedHelixAnswer(p, "duration", "not a duration such as 1h2m3s");
        }
        String streamId = HelixFields.text(p, v, "stream_id", ""); // null unless an archive; "" read the same
        return new VodRecord(HelixFields.id(p, v, "id"), streamId.isEmpty() ? null : streamId,
                HelixFields.id(p, v, "user_id"), text(p, v, "user_login"), text(p, v, "user_name"), text(p, v, "title"),
                text(p, v, "description"), HelixFields.time(p, v, "created_at"), HelixFields.optionalTime(p, v, "published_at"),
                text(p, v, "url"), text(p, v, "thumbnail_url"), text(p, v, "viewable"), HelixFields.count(p, v, "view_count"),
                text(p, v, "language"), text(p, v, "type"), duration, seconds, muted, null);
    }

    /** Twitch writes absent texts as {@code ""}; absent here reads the same. */
    private static String text(String path, JsonNode row, String field) {
        return HelixFields.text(path, row, field, "");
    }

    /** An array of strings; absent or null as empty. */
    private static List<String> strings(String path, JsonNode row, String field) {
        JsonNode array = row.path(field);
        if (array.isMissingNode() || array.isNull()) {
            return new ArrayList<>();
        }
        if (!array.isArray()) {
            throw new MalformedHelixAnswer(path, field, "not an array");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            if (!n.isTextual()) {
                throw new MalformedHelixAnswer(path, field, "not an array of strings");
            }
            out.add(n.asText());
        }
        return out;
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static Instant time(JsonNode node) {
        try {
            return node.isTextual() && !node.asText().isEmpty() ? Instant.parse(node.asText()) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    static <T> List<List<T>> chunks(List<T> all, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            out.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return out;
    }
}
