package io.lurker.gql.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lurker.contracts.chat.ChatMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Comment nodes as Twitch's GraphQL might send them tomorrow: extra fields anywhere, fields
 * missing, fields of the wrong type. The mapping either gives the message with every piece of
 * text and the id it was sent, or refuses with {@link MalformedCommentException}; nothing else
 * is thrown and nothing is silently dropped or invented.
 */
class ReplayMessagesPropertiesTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Instant RECEIVED = Instant.parse("2026-01-01T00:00:00Z");

    @Property(tries = 300)
    void unknownFieldsChangeNothing(@ForAll("comments") ObjectNode comment, @ForAll("paths") List<String> where,
            @ForAll("anyJson") JsonNode junk) {
        ChatMessage plain = map(comment);
        ObjectNode extended = comment.deepCopy();
        ObjectNode target = extended;
        for (String step : where) {
            JsonNode next = target.path(step);
            if (!next.isObject()) {
                break;
            }
            target = (ObjectNode) next;
        }
        target.set("unknown" + where.size(), junk);
        ChatMessage withExtra = map(extended);
        assertThat(withExtra.id()).isEqualTo(plain.id());
        assertThat(withExtra.text()).isEqualTo(plain.text());
        assertThat(withExtra.sentAt()).isEqualTo(plain.sentAt());
        assertThat(withExtra.replay()).isEqualTo(plain.replay());
        assertThat(withExtra.emotes()).isEqualTo(plain.emotes());
        assertThat(withExtra.author()).isEqualTo(plain.author());
    }

    @Property(tries = 1000)
    void missingOrWronglyTypedFieldsAreRefusedClearlyOrKeptWhole(@ForAll("comments") ObjectNode comment,
            @ForAll("fieldPaths") String field, @ForAll("replacements") JsonNode replacement) {
        ObjectNode mutated = comment.deepCopy();
        set(mutated, field, replacement);
        ChatMessage message;
        try {
            message = ReplayMessages.toMessage(mutated, "v1", "42", "channel", RECEIVED);
        } catch (MalformedCommentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        // accepted: the id is the one sent, every fragment's text is in the message, the offset is the one sent
        assertThat(mutated.path("id").isTextual()).isTrue();
        assertThat(message.id()).isEqualTo(mutated.path("id").asText()).isNotBlank();
        StringBuilder expected = new StringBuilder();
        for (JsonNode fragment : mutated.path("message").path("fragments")) {
            expected.append(fragment.path("text").asText(""));
        }
        assertThat(message.text()).isEqualTo(expected.toString());
        JsonNode offset = mutated.path("contentOffsetSeconds");
        assertThat(message.replay().contentOffsetSeconds()).isEqualTo(offset.isIntegralNumber() ? offset.asInt() : 0);
        if (mutated.path("createdAt").isTextual()) {
            assertThat(message.sentAt()).isEqualTo(Instant.parse(mutated.path("createdAt").asText()));
        }
        assertThat(message.raw()).isEqualTo(mutated.toString());
    }

    private static ChatMessage map(JsonNode node) {
        return ReplayMessages.toMessage(node, "v1", "42", "channel", RECEIVED);
    }

    private static void set(ObjectNode root, String path, JsonNode value) {
        String[] steps = path.split("\\.");
        JsonNode parent = root;
        for (int i = 0; i < steps.length - 1; i++) {
            parent = steps[i].matches("\\d+") ? parent.path(Integer.parseInt(steps[i])) : parent.path(steps[i]);
        }
        String last = steps[steps.length - 1];
        if (parent instanceof ObjectNode object) {
            if (value == null || value.isMissingNode()) {
                object.remove(last);
            } else {
                object.set(last, value);
            }
        } else if (parent instanceof ArrayNode array && last.matches("\\d+") && Integer.parseInt(last) < array.size()) {
            array.set(Integer.parseInt(last), value == null || value.isMissingNode() ? NODES.nullNode() : value);
        }
    }

    @Provide
    Arbitrary<ObjectNode> comments() {
        Arbitrary<String> words = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(12);
        Arbitrary<List<String>> pieces = words.list().ofMinSize(0).ofMaxSize(5);
        Arbitrary<Integer> offsets = Arbitraries.integers().between(0, 200_000);
        Arbitrary<Instant> times = Arbitraries.longs().between(1_400_000_000_000L, 1_900_000_000_000L).map(Instant::ofEpochMilli);
        return Combinators.combine(Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(36), pieces, offsets, times)
                .as((id, texts, offset, time) -> {
                    ObjectNode node = NODES.objectNode();
                    node.put("id", id);
                    node.putObject("commenter").put("id", "7").put("login", "Viewer").put("displayName", "Viewer");
                    node.put("contentOffsetSeconds", offset);
                    node.put("createdAt", time.toString());
                    ObjectNode message = node.putObject("message");
                    ArrayNode fragments = message.putArray("fragments");
                    for (int i = 0; i < texts.size(); i++) {
                        ObjectNode fragment = fragments.addObject().put("text", texts.get(i));
                        if (i % 2 == 1) {
                            fragment.putObject("emote").put("emoteID", "25");
                        } else {
                            fragment.putNull("emote");
                        }
                    }
                    message.putArray("userBadges").addObject().put("setID", "subscriber").put("version", "3");
                    message.put("userColor", "#00FF00");
                    return node;
                });
    }

    @Provide
    Arbitrary<List<String>> paths() {
        return Arbitraries.of(List.of(), List.of("message"), List.of("commenter"), List.of("message", "fragments"));
    }

    @Provide
    Arbitrary<String> fieldPaths() {
        return Arbitraries.of("id", "contentOffsetSeconds", "createdAt", "message", "message.fragments", "message.fragments.0",
                "message.fragments.0.text", "message.fragments.1.emote", "message.fragments.1.emote.emoteID", "commenter",
                "commenter.login", "message.userBadges", "message.userBadges.0", "message.userColor");
    }

    @Provide
    Arbitrary<JsonNode> replacements() {
        List<JsonNode> values = new ArrayList<>();
        values.add(NODES.missingNode());
        values.add(NODES.nullNode());
        values.add(NODES.numberNode(-5));
        values.add(NODES.numberNode(3.5));
        values.add(NODES.numberNode(1L << 40));
        values.add(NODES.booleanNode(true));
        values.add(NODES.textNode(""));
        values.add(NODES.textNode("not a time"));
        values.add(NODES.textNode("12"));
        values.add(NODES.arrayNode().add("x"));
        values.add(NODES.objectNode().put("nested", 1));
        return Arbitraries.of(values).injectNull(0.1);
    }

    @Provide
    Arbitrary<JsonNode> anyJson() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20).map(NODES::textNode),
                Arbitraries.integers().map(NODES::numberNode), Arbitraries.just(NODES.nullNode()),
                Arbitraries.just(NODES.arrayNode().add(1)), Arbitraries.just(NODES.objectNode().put("a", "b")));
    }
}
