package io.lurker.helix.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lurker.contracts.catalog.ClipRecord;
import io.lurker.contracts.catalog.VodRecord;
import io.lurker.contracts.stream.StreamSnapshot;
import io.lurker.helix.client.MalformedHelixAnswer;
import io.lurker.tokenpool.problem.ProblemType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Helix rows of {@code /streams}, {@code /clips} and {@code /videos} as Twitch writes them
 * (empty strings for absent values, {@code vod_offset} and {@code stream_id} null,
 * {@code muted_segments} null, {@code 1h2m3s} durations, thumbnail templates), then damaged: unknown
 * fields change nothing and the record carries the row's values; a field missing, null, empty
 * or of another JSON type gives either a 502 {@link MalformedHelixAnswer} naming that field (and
 * never its value) or the record the row without that field gives — never a 0 count, an empty id
 * or a lost time in a record that is sent on.
 */
class HelixRecordsPropertiesTest {

    private static final String MARK = "SeCrEt";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    enum Kind { STREAM, CLIP, VOD }

    enum Damage { REMOVE, NULL, EMPTY_STRING, WRONG_TYPE }

    @Property(tries = 500)
    void unknownFieldsChangeNothingAndTheRowIsMappedFaithfully(@ForAll("rows") Row row, @ForAll("junk") List<JsonNode> junk) {
        ObjectNode damaged = row.json().deepCopy();
        List<ObjectNode> objects = new ArrayList<>();
        objects.add(damaged);
        damaged.path("muted_segments").forEach(m -> objects.add((ObjectNode) m));
        for (int i = 0; i < junk.size(); i++) {
            objects.get(i % objects.size()).set("x_" + MARK + i, junk.get(i));
        }

        Object record = map(row.kind(), damaged);

        assertThat(record).isEqualTo(map(row.kind(), row.json()));
        checkFaithful(row.kind(), row.json(), record);
    }

    @Property(tries = 1000)
    void aDamagedFieldIsRefusedByNameOrReadAsAbsent(@ForAll("rows") Row row, @ForAll Damage damage,
            @ForAll @IntRange(min = 0, max = 1_000_000) int pick, @ForAll("wrong") JsonNode wrong) {
        ObjectNode damaged = row.json().deepCopy();
        List<Map.Entry<ObjectNode, String>> slots = new ArrayList<>();
        collect(damaged, slots);
        Map.Entry<ObjectNode, String> slot = slots.get(pick % slots.size());
        ObjectNode parent = slot.getKey();
        String field = slot.getValue();
        JsonNode before = parent.get(field);
        switch (damage) {
            case REMOVE -> parent.remove(field);
            case NULL -> parent.set(field, NullNode.getInstance());
            case EMPTY_STRING -> parent.put(field, "");
            case WRONG_TYPE -> parent.set(field, damaging(field, before, wrong));
        }

        Throwable thrown = catchThrowable(() -> map(row.kind(), damaged));

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(MalformedHelixAnswer.class);
            MalformedHelixAnswer answer = (MalformedHelixAnswer) thrown;
            assertThat(answer.status()).isEqualTo(502);
            assertThat(answer.type()).isEqualTo(ProblemType.UPSTREAM_ERROR);
            assertThat(answer.field()).isEqualTo(field);
            assertThat(answer.getMessage()).startsWith("Twitch answered ").contains(field).doesNotContain(MARK);
            return;
        }
        assertThat(required(row.kind(), parent == damaged, field)).as("required %s was read after %s", field, damage).isFalse();
        // read: as if the field were absent (fields the record does not carry change nothing)
        ObjectNode absent = row.json().deepCopy();
        collectParent(absent, parent == damaged ? null : damaged, parent).remove(field);
        assertThat(map(row.kind(), damaged)).as("%s %s", damage, field).isEqualTo(map(row.kind(), absent));
    }

    /** {@code wrong}, or something else when it would be a valid value of the field. */
    private static JsonNode damaging(String field, JsonNode before, JsonNode wrong) {
        if ((before == null || before.isNull()) && (wrong.isTextual() || wrong.isNull())) {
            return F.objectNode().put("v", MARK); // a string where null was is a value (a VOD's stream_id), not damage
        }
        if (before.isTextual() && wrong.isTextual() && (field.endsWith("_at") || field.equals("duration"))) {
            return wrong; // not a time, not a duration
        }
        if (before.isIntegralNumber() && wrong.isIntegralNumber() && wrong.canConvertToInt() && wrong.asInt() >= 0) {
            return F.numberNode(-1);
        }
        if (before.isNumber() && !before.isIntegralNumber() && wrong.isNumber()) {
            return F.textNode(MARK);
        }
        return before.getNodeType() == wrong.getNodeType() && !before.isNumber() ? F.objectNode().put("v", MARK) : wrong;
    }

    /** What a record cannot be without: its ids, counts, creation time and duration. */
    private static boolean required(Kind kind, boolean topLevel, String field) {
        if (!topLevel) {
            return true; // a muted segment's offset and duration
        }
        return switch (kind) {
            case STREAM -> List.of("id", "user_id", "viewer_count").contains(field);
            case CLIP -> List.of("id", "broadcaster_id", "view_count", "created_at", "duration").contains(field);
            case VOD -> List.of("id", "user_id", "view_count", "created_at", "duration").contains(field);
        };
    }

    // --- mapping --------------------------------------------------------------------------------

    private static Object map(Kind kind, JsonNode row) {
        return switch (kind) {
            case STREAM -> HelixRecords.stream(row);
            case CLIP -> HelixRecords.clip(row);
            case VOD -> HelixRecords.vod(row);
        };
    }

    private static void checkFaithful(Kind kind, JsonNode row, Object record) {
        switch (kind) {
            case STREAM -> {
                StreamSnapshot s = (StreamSnapshot) record;
                assertThat(s.channelId()).isEqualTo(row.path("user_id").asText());
                assertThat(s.streamId()).isEqualTo(row.path("id").asText());
                assertThat(s.viewerCount()).isEqualTo(row.path("viewer_count").asInt());
                assertThat(s.gameId()).isEqualTo(row.path("game_id").asText());
                assertThat(s.startedAt()).isEqualTo(Instant.parse(row.path("started_at").asText()));
                assertThat(s.tags()).hasSize(row.path("tags").size());
            }
            case CLIP -> {
                ClipRecord c = (ClipRecord) record;
                assertThat(c.id()).isEqualTo(row.path("id").asText());
                assertThat(c.viewCount()).isEqualTo(row.path("view_count").asLong());
                assertThat(c.createdAt()).isEqualTo(Instant.parse(row.path("created_at").asText()));
                assertThat(c.durationSeconds()).isEqualTo(row.path("duration").asDouble());
                assertThat(c.vodOffset()).isEqualTo(row.path("vod_offset").isNull() ? null : row.path("vod_offset").asInt());
                assertThat(c.videoId()).isEqualTo(row.path("video_id").asText());
                assertThat(c.thumbnailUrl()).isEqualTo(row.path("thumbnail_url").asText());
            }
            case VOD -> {
                VodRecord v = (VodRecord) record;
                assertThat(v.id()).isEqualTo(row.path("id").asText());
                assertThat(v.streamId()).isEqualTo(row.path("stream_id").isNull() ? null : row.path("stream_id").asText());
                assertThat(v.viewCount()).isEqualTo(row.path("view_count").asLong());
                assertThat(v.durationSeconds()).isEqualTo(row.path("x_seconds").asLong());
                assertThat(v.mutedSegments()).hasSize(row.path("muted_segments").size());
            }
        }
    }

    /** Every field of the row and of its muted segments (the test's own {@code x_seconds} aside). */
    private static void collect(ObjectNode row, List<Map.Entry<ObjectNode, String>> out) {
        Iterator<String> names = row.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("x_seconds")) {
                out.add(Map.entry(row, name));
            }
        }
        row.path("muted_segments").forEach(m -> collect((ObjectNode) m, out));
    }

    /** The object of {@code copy} at the place {@code parent} has in {@code damagedRow}. */
    private static ObjectNode collectParent(ObjectNode copy, ObjectNode damagedRow, ObjectNode parent) {
        if (damagedRow == null) {
            return copy;
        }
        JsonNode segments = damagedRow.path("muted_segments");
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i) == parent) {
                return (ObjectNode) copy.path("muted_segments").get(i);
            }
        }
        throw new IllegalStateException("no such object");
    }

    // --- generators -----------------------------------------------------------------------------

    record Row(Kind kind, ObjectNode json) {
        @Override
        public String toString() {
            return kind + " " + json;
        }
    }

    @Provide
    Arbitrary<Row> rows() {
        return Arbitraries.oneOf(streams(), clips(), vods());
    }

    private Arbitrary<Row> streams() {
        return Combinators.combine(ids(), ids(), Arbitraries.integers().between(0, 5_000_000), texts(), times(),
                texts().list().ofMaxSize(3), Arbitraries.of("", "509658", "33214"))
                .as((id, user, viewers, title, started, tags, game) -> {
                    ObjectNode s = F.objectNode().put("id", id).put("user_id", user).put("user_login", "l" + user)
                            .put("user_name", "N" + user).put("game_id", game).put("game_name", game.isEmpty() ? "" : "Game")
                            .put("type", "live").put("title", title).put("viewer_count", viewers).put("started_at", started)
                            .put("language", "en").put("thumbnail_url",
                                    "https://static-cdn.jtvnw.net/previews-ttv/live_user_l" + user + "-{width}x{height}.jpg")
                            .put("is_mature", false);
                    ArrayNode t = s.putArray("tags");
                    tags.forEach(t::add);
                    s.putArray("tag_ids");
                    return new Row(Kind.STREAM, s);
                });
    }

    private Arbitrary<Row> clips() {
        return Combinators.combine(ids(), ids(), Arbitraries.longs().between(0, 90_000_000L), times(),
                Arbitraries.integers().between(5, 600).map(t -> t / 10.0), Arbitraries.integers().between(0, 80_000).injectNull(0.4),
                Arbitraries.of("", "1234567"), Arbitraries.of(true, false))
                .as((id, broadcaster, views, created, seconds, offset, video, featured) -> {
                    ObjectNode c = F.objectNode().put("id", id).put("url", "https://clips.twitch.tv/" + id)
                            .put("embed_url", "https://clips.twitch.tv/embed?clip=" + id).put("broadcaster_id", broadcaster)
                            .put("broadcaster_name", "B").put("creator_id", "9").put("creator_name", "C").put("video_id", video)
                            .put("game_id", "509658").put("language", "en").put("title", "clip " + id).put("view_count", views)
                            .put("created_at", created).put("thumbnail_url",
                                    "https://clips-media-assets2.twitch.tv/" + id + "-preview-480x272.jpg")
                            .put("duration", seconds).put("is_featured", featured);
                    if (offset == null) {
                        c.putNull("vod_offset");
                    } else {
                        c.put("vod_offset", offset);
                    }
                    return new Row(Kind.CLIP, c);
                });
    }

    private Arbitrary<Row> vods() {
        Arbitrary<ArrayNode> muted = Combinators.combine(Arbitraries.integers().between(0, 36_000),
                Arbitraries.integers().between(1, 600)).as((o, d) -> F.objectNode().put("offset", o).put("duration", d))
                .list().ofMaxSize(2).map(list -> {
                    ArrayNode a = F.arrayNode();
                    list.forEach(a::add);
                    return a;
                });
        return Combinators.combine(ids(), ids(), Arbitraries.longs().between(0, 10_000_000), times(),
                Arbitraries.integers().between(0, 47), Arbitraries.integers().between(0, 59), Arbitraries.integers().between(0, 59),
                muted.injectNull(0.3))
                .as((id, user, views, created, h, m, sec, segments) -> {
                    String duration = (h > 0 ? h + "h" : "") + (h > 0 || m > 0 ? m + "m" : "") + sec + "s";
                    boolean archive = Math.floorMod(id.hashCode(), 2) == 0;
                    ObjectNode v = F.objectNode().put("id", id).put("user_id", user).put("user_login", "l" + user)
                            .put("user_name", "N").put("title", "t").put("description", "").put("created_at", created)
                            .put("published_at", created).put("url", "https://www.twitch.tv/videos/" + id)
                            .put("thumbnail_url", archive ? "" : "https://static-cdn.jtvnw.net/cf_vods/x/%{width}x%{height}.jpg")
                            .put("viewable", "public").put("view_count", views).put("language", "en")
                            .put("type", archive ? "archive" : "highlight").put("duration", duration)
                            .put("x_seconds", h * 3600L + m * 60L + sec);
                    if (archive) {
                        v.put("stream_id", "s" + id);
                    } else {
                        v.putNull("stream_id");
                    }
                    if (segments == null) {
                        v.putNull("muted_segments");
                    } else {
                        v.set("muted_segments", segments);
                    }
                    return new Row(Kind.VOD, v);
                });
    }

    @Provide
    Arbitrary<List<JsonNode>> junk() {
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().ofMaxLength(5).map(s -> (JsonNode) F.textNode(MARK + s)),
                Arbitraries.longs().map(n -> (JsonNode) F.numberNode(n)),
                Arbitraries.just(NullNode.getInstance()),
                Arbitraries.just(F.objectNode().put("id", MARK).put("viewer_count", -1)),
                Arbitraries.just(F.arrayNode().add(MARK).add(F.objectNode()))).list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<JsonNode> wrong() {
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().ofMaxLength(5).map(s -> (JsonNode) F.textNode(MARK + s)),
                Arbitraries.just(F.textNode("12")),
                Arbitraries.just(F.textNode("2026-03-05 18:00:00")),
                Arbitraries.longs().map(n -> (JsonNode) F.numberNode(n)),
                Arbitraries.just(F.numberNode(-1)),
                Arbitraries.just(F.numberNode(12.5)),
                Arbitraries.just(F.numberNode(new java.math.BigInteger("99999999999999999999999"))),
                Arbitraries.of(true, false).map(b -> (JsonNode) F.booleanNode(b)),
                Arbitraries.just(F.objectNode().put("v", MARK)),
                Arbitraries.just(F.arrayNode().add(MARK)));
    }

    private static Arbitrary<String> ids() {
        return Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(12);
    }

    private static Arbitrary<String> texts() {
        return Arbitraries.strings().withCharRange(' ', '~').withCharRange('\u00a0', '\u2fff').ofMaxLength(20);
    }

    private static Arbitrary<String> times() {
        return Arbitraries.longs().between(1_500_000_000L, 1_900_000_000L).map(s -> Instant.ofEpochSecond(s).toString());
    }
}
