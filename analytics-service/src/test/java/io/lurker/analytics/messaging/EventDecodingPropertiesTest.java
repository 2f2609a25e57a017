package io.lurker.analytics.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lurker.analytics.service.InvalidEventException;
import io.lurker.contracts.EventJson;
import io.lurker.contracts.Schema;
import io.lurker.contracts.catalog.CategoryBatch;
import io.lurker.contracts.catalog.CategorySnapshot;
import io.lurker.contracts.catalog.ChannelBatch;
import io.lurker.contracts.catalog.ChannelRecord;
import io.lurker.contracts.catalog.ClipBatch;
import io.lurker.contracts.catalog.ClipRecord;
import io.lurker.contracts.catalog.ClipViewsBatch;
import io.lurker.contracts.catalog.ClipViewsSample;
import io.lurker.contracts.catalog.VodBatch;
import io.lurker.contracts.catalog.VodRecord;
import io.lurker.contracts.chat.ChatAuthor;
import io.lurker.contracts.chat.ChatEvent;
import io.lurker.contracts.chat.ChatEventBatch;
import io.lurker.contracts.chat.ChatEventKind;
import io.lurker.contracts.chat.ChatMessage;
import io.lurker.contracts.chat.ChatMessageBatch;
import io.lurker.contracts.chat.ChatReplayBatch;
import io.lurker.contracts.chat.ChatSource;
import io.lurker.contracts.chat.EmoteOccurrence;
import io.lurker.contracts.chat.EmoteProvider;
import io.lurker.contracts.chat.ReplayPosition;
import io.lurker.contracts.chat.ReplyParent;
import io.lurker.contracts.chat.SharedChatOrigin;
import io.lurker.contracts.stream.StreamEvent;
import io.lurker.contracts.stream.StreamEventKind;
import io.lurker.contracts.stream.StreamSnapshot;
import io.lurker.contracts.stream.StreamSnapshotBatch;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The JSON of every event analytics-service consumes, as its publishers write it and then
 * damaged: unknown fields anywhere change nothing; a field missing, null or of the wrong type
 * is either refused with a reason that names the field and never its value, or read as absent
 * (null) — never a number defaulted to 0, a value coerced into another, or an exception other
 * than the refusal (which {@link IngestHandler} turns into a dead letter).
 */
class EventDecodingPropertiesTest {

    /** Marks values put into the JSON; a reason must never repeat them. */
    private static final String MARK = "SeCrEt";
    /** Free-form maps (IRC tags): their entries are data, not fields of the form. */
    private static final Set<String> FREE_MAPS = Set.of("badges", "badgeInfo", "params");

    private final ObjectMapper json = EventJson.mapper();
    private final EventDecoder decoder = new EventDecoder(EventJson.mapper());

    enum Damage { REMOVE, NULL, WRONG_TYPE }

    @Property(tries = 500)
    void unknownFieldsAnywhereChangeNothing(@ForAll("events") Object event, @ForAll("junk") List<JsonNode> junk,
            @ForAll @IntRange(min = 0, max = 1_000_000) int seed) throws Exception {
        ObjectNode tree = json.valueToTree(event);
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(tree, null, objects);
        for (int i = 0; i < junk.size(); i++) {
            ObjectNode target = objects.get(Math.floorMod(seed + i * 7919, objects.size()));
            target.set("x_" + MARK + "_" + (seed % 97) + "_" + i, junk.get(i));
        }

        Object decoded = decoder.decode(json.writeValueAsBytes(tree), event.getClass());

        assertThat(decoded).isEqualTo(event);
    }

    @Property(tries = 1000)
    void aMissingNullOrWronglyTypedFieldIsRefusedByNameOrReadAsAbsent(@ForAll("events") Object event,
            @ForAll Damage damage, @ForAll @IntRange(min = 0, max = 1_000_000) int pick,
            @ForAll("wrong") JsonNode wrongValue) throws Exception {
        ObjectNode tree = json.valueToTree(event);
        List<Slot> slots = new ArrayList<>();
        collectSlots(tree, "", slots);
        Slot slot = slots.get(pick % slots.size());
        JsonNode before = slot.parent().get(slot.name());
        JsonNode replacement = before.isObject() && wrongValue.isObject()
                ? JsonNodeFactory.instance.textNode(MARK + "-" + pick) : wrongValue;
        switch (damage) {
            case REMOVE -> slot.parent().remove(slot.name());
            case NULL -> slot.parent().set(slot.name(), NullNode.getInstance());
            case WRONG_TYPE -> slot.parent().set(slot.name(), replacement);
        }
        byte[] body = json.writeValueAsBytes(tree);

        Throwable thrown = catchThrowable(() -> decoder.decode(body, event.getClass()));

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(InvalidEventException.class);
            assertThat(thrown.getMessage())
                    .startsWith("unreadable " + event.getClass().getSimpleName() + " JSON: ")
                    .contains(slot.name())
                    .doesNotContain(MARK);
            return;
        }
        // read: a value only as given (same JSON type) or as absent, and nothing else changed
        ObjectNode expected = json.valueToTree(event);
        ObjectNode expectedParent = (ObjectNode) expected.at(slot.parentPointer());
        JsonNode readBack = json.valueToTree(decoder.decode(body, event.getClass()));
        JsonNode read = readBack.at(slot.parentPointer()).path(slot.name());
        if (damage == Damage.WRONG_TYPE) {
            assertThat(before.isNull() || sameShape(before, replacement))
                    .as("a value of another JSON type at %s was read as %s", slot.path(), read).isTrue();
            expectedParent.set(slot.name(), before.isNumber() && !before.isIntegralNumber() && replacement.isIntegralNumber()
                    ? JsonNodeFactory.instance.numberNode(replacement.asDouble()) : replacement);
        } else if (before.isBoolean() && read.isBoolean()) {
            expectedParent.set(slot.name(), BooleanNode.FALSE); // an absent flag is false
        } else {
            expectedParent.set(slot.name(), NullNode.getInstance());
        }
        assertThat(normal(readBack)).as("%s %s", damage, slot.path()).isEqualTo(normal(expected));
    }

    @Property(tries = 300)
    void anyBytesAreRefusedOrRead(@ForAll("bodies") byte[] body, @ForAll("types") Class<?> type) {
        Throwable thrown = catchThrowable(() -> decoder.decode(body, type));
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(InvalidEventException.class);
            assertThat(thrown.getMessage()).doesNotContain(MARK);
        }
    }

    /** The tree as read from its text, so that an int and a long of one value compare equal. */
    private JsonNode normal(JsonNode tree) throws Exception {
        return json.readTree(json.writeValueAsBytes(tree));
    }

    // --- slots of the JSON form ---------------------------------------------------------------

    record Slot(ObjectNode parent, String name, String path, String parentPointer) {
    }

    private static void collectSlots(JsonNode node, String pointer, List<Slot> out) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                out.add(new Slot(object, field.getKey(), pointer + "/" + field.getKey(), pointer));
                if (!FREE_MAPS.contains(field.getKey())) {
                    collectSlots(field.getValue(), pointer + "/" + field.getKey(), out);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                collectSlots(array.get(i), pointer + "/" + i, out);
            }
        }
    }

    private static void collectObjects(JsonNode node, String name, List<ObjectNode> out) {
        if (name != null && FREE_MAPS.contains(name)) {
            return;
        }
        if (node instanceof ObjectNode object) {
            out.add(object);
            object.fields().forEachRemaining(f -> collectObjects(f.getValue(), f.getKey(), out));
        } else if (node instanceof ArrayNode array) {
            array.forEach(element -> collectObjects(element, null, out));
        }
    }

    /** A value of the same JSON type may be read as given (an integer is a valid number too). */
    private static boolean sameShape(JsonNode before, JsonNode after) {
        return before.getNodeType() == after.getNodeType();
    }

    // --- generators -----------------------------------------------------------------------------

    @Provide
    Arbitrary<List<JsonNode>> junk() {
        return junkValue(2).list().ofMinSize(1).ofMaxSize(6);
    }

    private Arbitrary<JsonNode> junkValue(int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<Arbitrary<JsonNode>> leaves = List.of(
                texts().map(s -> (JsonNode) f.textNode(s)),
                Arbitraries.longs().map(n -> (JsonNode) f.numberNode(n)),
                Arbitraries.doubles().map(n -> (JsonNode) f.numberNode(n)),
                Arbitraries.of(true, false).map(b -> (JsonNode) f.booleanNode(b)),
                Arbitraries.just(NullNode.getInstance()));
        if (depth == 0) {
            return Arbitraries.oneOf(leaves);
        }
        Arbitrary<JsonNode> inner = junkValue(depth - 1);
        Arbitrary<JsonNode> array = inner.list().ofMaxSize(3).map(list -> {
            ArrayNode a = f.arrayNode();
            list.forEach(a::add);
            return a;
        });
        Arbitrary<JsonNode> object = Arbitraries.maps(ids(), inner).ofMaxSize(3).map(map -> {
            ObjectNode o = f.objectNode();
            map.forEach(o::set);
            // unknown objects may reuse the names of known fields: they are still unknown there
            o.put("id", MARK);
            return o;
        });
        List<Arbitrary<JsonNode>> all = new ArrayList<>(leaves);
        all.add(array);
        all.add(object);
        return Arbitraries.oneOf(all);
    }

    @Provide
    Arbitrary<JsonNode> wrong() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().ofMaxLength(6).map(s -> (JsonNode) f.textNode(MARK + s)),
                Arbitraries.just(f.textNode("")),
                Arbitraries.just(f.textNode("12")),
                Arbitraries.just(f.textNode("2026-03-05T18:00:00")),
                Arbitraries.longs().map(n -> (JsonNode) f.numberNode(n)),
                Arbitraries.just(f.numberNode(1.5)),
                Arbitraries.just(f.numberNode(new java.math.BigInteger("123456789012345678901234567890"))),
                Arbitraries.of(true, false).map(b -> (JsonNode) f.booleanNode(b)),
                Arbitraries.just(f.objectNode().put("v", MARK)),
                Arbitraries.just(f.arrayNode().add(MARK)));
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
                Arbitraries.strings().withChars("{}[]\":,0123456789.-etrufalsn ").ofMaxLength(60)
                        .map(s -> (MARK + s).getBytes(StandardCharsets.UTF_8)),
                events().map(e -> {
                    try {
                        byte[] whole = json.writeValueAsBytes(e);
                        return java.util.Arrays.copyOf(whole, whole.length / 2);
                    } catch (Exception x) {
                        throw new IllegalStateException(x);
                    }
                }));
    }

    @Provide
    Arbitrary<Class<?>> types() {
        return Arbitraries.of(ChatMessageBatch.class, ChatEventBatch.class, ChatReplayBatch.class, StreamSnapshotBatch.class,
                StreamEvent.class, ChannelBatch.class, ClipBatch.class, ClipViewsBatch.class, VodBatch.class, CategoryBatch.class);
    }

    @Provide
    Arbitrary<Object> events() {
        return Arbitraries.oneOf(
                Combinators.combine(ids(), ids(), instants(), messages().list().ofMinSize(1).ofMaxSize(3))
                        .as((b, c, t, m) -> (Object) new ChatMessageBatch(Schema.CURRENT, b, c, t, m)),
                Combinators.combine(ids(), ids(), instants(), chatEvents().list().ofMinSize(1).ofMaxSize(3))
                        .as((b, c, t, e) -> (Object) new ChatEventBatch(Schema.CURRENT, b, c, t, e)),
                Combinators.combine(ids(), ids(), instants(), messages().list().ofMinSize(1).ofMaxSize(2),
                        Arbitraries.of(true, false))
                        .as((b, v, t, m, done) -> (Object) new ChatReplayBatch(Schema.CURRENT, b, v, "c" + b, b, t, m, done)),
                Combinators.combine(ids(), instants(), Arbitraries.integers().between(1, 3600), ids().list().ofMaxSize(3),
                        snapshots().list().ofMinSize(1).ofMaxSize(3))
                        .as((p, t, i, polled, live) -> (Object) new StreamSnapshotBatch(Schema.CURRENT, p, t, i, polled, live)),
                Combinators.combine(ids(), Arbitraries.of(StreamEventKind.class), ids(), instants(), texts(), texts())
                        .as((id, k, c, t, g, title) -> (Object) new StreamEvent(Schema.CURRENT, id, k, c, c, "s" + id, t, g, g,
                                title, null, g, title)),
                Combinators.combine(ids(), instants(), channels().list().ofMinSize(1).ofMaxSize(2))
                        .as((b, t, c) -> (Object) new ChannelBatch(Schema.CURRENT, b, t, c)),
                Combinators.combine(ids(), instants(), clips().list().ofMinSize(1).ofMaxSize(2))
                        .as((b, t, c) -> (Object) new ClipBatch(Schema.CURRENT, b, t, c)),
                Combinators.combine(ids(), instants(), Combinators.combine(ids(), counts(), instants().injectNull(0.3))
                        .as(ClipViewsSample::new).list().ofMinSize(1).ofMaxSize(3))
                        .as((b, t, s) -> (Object) new ClipViewsBatch(Schema.CURRENT, b, t, s)),
                Combinators.combine(ids(), instants(), vods().list().ofMinSize(1).ofMaxSize(2))
                        .as((b, t, v) -> (Object) new VodBatch(Schema.CURRENT, b, t, v)),
                Combinators.combine(ids(), instants(), categories().list().ofMinSize(1).ofMaxSize(3))
                        .as((b, t, c) -> (Object) new CategoryBatch(Schema.CURRENT, b, t, c)));
    }

    private Arbitrary<ChatMessage> messages() {
        Arbitrary<ChatAuthor> author = Combinators.combine(ids(), ids(), texts(), Arbitraries.maps(ids(), texts()).ofMaxSize(2),
                Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as((id, login, name, badges, sub, mod) -> new ChatAuthor(id, login, name, "#1E90FF", badges, Map.of(), sub, mod,
                        false, false, null));
        Arbitrary<EmoteOccurrence> emote = Combinators.combine(Arbitraries.of(EmoteProvider.class), ids(), ids(),
                Arbitraries.integers().between(1, 50)).as(EmoteOccurrence::new);
        Arbitrary<ReplyParent> reply = Combinators.combine(ids(), ids(), texts())
                .as((m, u, body) -> new ReplyParent(m, u, u, u, body)).injectNull(0.6);
        Arbitrary<ReplayPosition> replay = Combinators.combine(ids(), Arbitraries.integers().between(0, 200_000))
                .as(ReplayPosition::new).injectNull(0.5);
        return Combinators.combine(ids(), Arbitraries.of(ChatSource.class), ids(), author, texts(), instants(),
                Arbitraries.integers().between(0, 100_000), emote.list().ofMaxSize(2))
                .as((id, source, channel, a, text, at, bits, emotes) -> new ChatMessage(id, source, "c" + channel, channel, a,
                        text, false, at, at.plusMillis(5), bits, bits % 2 == 0, false, null, null, null,
                        bits % 3 == 0 ? new SharedChatOrigin(id, channel) : null, null, emotes, "@raw " + text))
                .flatMap(m -> Combinators.combine(reply, replay).as((r, p) -> new ChatMessage(m.id(), m.source(), m.channelId(),
                        m.channelLogin(), m.author(), m.text(), m.action(), m.sentAt(), m.receivedAt(), m.bits(), m.firstMessage(),
                        m.returningChatter(), m.highlight(), m.customRewardId(), r, m.sharedChat(), p, m.emotes(), m.raw())));
    }

    private Arbitrary<ChatEvent> chatEvents() {
        return Combinators.combine(ids(), Arbitraries.of(ChatEventKind.class), ids(), texts(),
                Arbitraries.integers().between(1, 1_209_600).injectNull(0.5), instants(), Arbitraries.maps(ids(), texts()).ofMaxSize(2))
                .as((id, kind, channel, text, ban, at, params) -> new ChatEvent(id, ChatSource.LIVE, kind, "notice", "c" + channel,
                        channel, null, null, ban, text, null, params, at, at, "@raw"));
    }

    private Arbitrary<StreamSnapshot> snapshots() {
        return Combinators.combine(ids(), ids(), counts().map(Math::toIntExact), texts(), instants().injectNull(0.2),
                texts().list().ofMaxSize(3))
                .as((channel, stream, viewers, title, started, tags) -> new StreamSnapshot(channel, channel, channel, stream,
                        viewers, "509658", "Just Chatting", title, "en", started, tags));
    }

    private Arbitrary<ChannelRecord> channels() {
        Arbitrary<ChannelRecord.TeamRef> team = Combinators.combine(ids(), texts()).as((id, name) -> new ChannelRecord.TeamRef(id, name, name));
        return Combinators.combine(ids(), ids(), texts(), instants(), Arbitraries.longs().between(0, 1_000_000_000L).injectNull(0.3),
                team.list().ofMaxSize(2), Arbitraries.of(true, false).injectNull(0.3), instants().injectNull(0.3))
                .as((id, login, title, created, followers, teams, schedule, sampled) -> new ChannelRecord(id, login, login,
                        "partner", title, "https://x/p.png", created, "en", "1", "Game", title, List.of("a"), followers, teams,
                        schedule, sampled));
    }

    private Arbitrary<ClipRecord> clips() {
        return Combinators.combine(ids(), ids(), texts(), counts(), instants(),
                Arbitraries.doubles().between(0.5, 60).ofScale(1), Arbitraries.integers().between(0, 100_000).injectNull(0.4),
                Arbitraries.of(true, false))
                .as((id, broadcaster, title, views, created, seconds, offset, featured) -> new ClipRecord(id, "https://c/" + id,
                        "https://e/" + id, broadcaster, broadcaster, "9", "creator", "", "1", "en", title, views, created,
                        "https://t/" + id + "-{width}x{height}.jpg", seconds, offset, featured));
    }

    private Arbitrary<VodRecord> vods() {
        Arbitrary<VodRecord.MutedSegment> muted = Combinators.combine(Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(1, 600)).as(VodRecord.MutedSegment::new);
        return Combinators.combine(ids(), ids(), texts(), instants(), counts(), Arbitraries.longs().between(0, 200_000),
                muted.list().ofMaxSize(2), ids().injectNull(0.5))
                .as((id, user, title, created, views, seconds, segments, stream) -> new VodRecord(id, stream, user, user, user,
                        title, "", created, created, "https://v/" + id, "", "public", views, "en", "archive",
                        seconds + "s", seconds, segments, null));
    }

    private Arbitrary<CategorySnapshot> categories() {
        return Combinators.combine(Arbitraries.integers().between(1, 500), ids(), texts(), counts(),
                Arbitraries.integers().between(0, 100_000))
                .as((rank, id, name, viewers, streams) -> new CategorySnapshot(rank, id, name.isEmpty() ? "g" : name,
                        "https://b/{width}x{height}.jpg", "", viewers, streams));
    }

    private static Arbitrary<String> ids() {
        return Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(8);
    }

    /** Text as chat has it: quotes, backslashes, control characters, non-Latin letters. */
    private static Arbitrary<String> texts() {
        return Arbitraries.strings().withCharRange(' ', '~').withCharRange('\u0000', '\u001f').withCharRange('\u00a0', '\u2fff')
                .ofMaxLength(20);
    }

    private static Arbitrary<Long> counts() {
        return Arbitraries.longs().between(0, 2_000_000);
    }

    private static Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(1_500_000_000_000L, 1_900_000_000_000L).map(Instant::ofEpochMilli);
    }
}
