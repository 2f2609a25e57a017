package io.lurker.gql.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lurker.gql.service.TypedQueries.ClipCard;
import io.lurker.gql.service.TypedQueries.ClipCardsPage;
import io.lurker.tokenpool.problem.ProblemException;
import io.lurker.tokenpool.problem.ProblemType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * GQL clip cards ({@code ClipsCards__User}, {@code ClipsCards__Game}) as the emulator and Twitch
 * write them, then damaged: unknown fields change nothing; an id, view count, duration or
 * creation time missing, null or of another type is a 502 problem naming the field (never its
 * value) — before, a bad {@code createdAt} escaped as a {@code DateTimeParseException} (a 500)
 * and a bad count became 0.
 */
class ClipCardsPropertiesTest {

    private static final String MARK = "SeCrEt";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<String> REQUIRED = List.of("id", "viewCount", "durationSeconds", "createdAt");

    enum Damage { REMOVE, NULL, WRONG_TYPE }

    @Property(tries = 500)
    void unknownFieldsChangeNothingAndCardsCarryTheNodes(@ForAll("pages") ObjectNode clips, @ForAll @IntRange(min = 0, max = 99) int seed) {
        ObjectNode damaged = clips.deepCopy();
        damaged.put("x_" + MARK, seed);
        damaged.path("edges").forEach(e -> {
            ((ObjectNode) e).putObject("x_edge").put("id", MARK);
            ((ObjectNode) e.path("node")).put("x_" + seed, MARK).putArray("x_list").add(seed);
        });

        ClipCardsPage page = TypedQueries.page(damaged);

        assertThat(page).isEqualTo(TypedQueries.page(clips));
        for (int i = 0; i < page.clips().size(); i++) {
            JsonNode node = clips.path("edges").get(i).path("node");
            ClipCard card = page.clips().get(i);
            assertThat(card.id()).isEqualTo(node.path("id").asText());
            assertThat(card.viewCount()).isEqualTo(node.path("viewCount").asLong());
            assertThat(card.durationSeconds()).isEqualTo(node.path("durationSeconds").asInt());
            assertThat(card.createdAt()).isEqualTo(Instant.parse(node.path("createdAt").asText()));
        }
    }

    @Property(tries = 1000)
    void aDamagedRequiredFieldIsA502NamingIt(@ForAll("pages") ObjectNode clips, @ForAll Damage damage,
            @ForAll @IntRange(min = 0, max = 10_000) int pick, @ForAll("wrong") JsonNode wrong) {
        ArrayNode edges = (ArrayNode) clips.path("edges");
        if (edges.isEmpty()) {
            return;
        }
        ObjectNode node = (ObjectNode) edges.get(pick % edges.size()).path("node");
        String field = REQUIRED.get(pick % REQUIRED.size());
        switch (damage) {
            case REMOVE -> node.remove(field);
            case NULL -> node.set(field, NullNode.getInstance());
            case WRONG_TYPE -> node.set(field, field.equals("createdAt") && wrong.isTextual() ? wrong // not a time
                    : node.get(field).getNodeType() == wrong.getNodeType()
                    ? (wrong.isNumber() ? F.numberNode(-1) : F.objectNode().put("v", MARK)) : wrong);
        }

        Throwable thrown = catchThrowable(() -> TypedQueries.page(clips));

        assertThat(thrown).isInstanceOf(ProblemException.class);
        ProblemException problem = (ProblemException) thrown;
        assertThat(problem.status()).isEqualTo(502);
        assertThat(problem.type()).isEqualTo(ProblemType.UPSTREAM_ERROR);
        assertThat(problem.getMessage()).contains("clip " + field).doesNotContain(MARK);
    }

    @Property(tries = 300)
    void anEdgeListOrNodeOfAnotherShapeIsA502(@ForAll("wrong") JsonNode wrong, @ForAll boolean atNode) {
        ObjectNode clips = F.objectNode();
        if (atNode) {
            clips.putArray("edges").addObject().set("node", wrong);
        } else {
            clips.set("edges", wrong.isArray() ? F.textNode(MARK) : wrong);
        }

        Throwable thrown = catchThrowable(() -> TypedQueries.page(clips));

        assertThat(thrown).isInstanceOf(ProblemException.class);
        assertThat(((ProblemException) thrown).status()).isEqualTo(502);
    }

    @Provide
    Arbitrary<ObjectNode> pages() {
        Arbitrary<ObjectNode> node = Combinators.combine(Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(12),
                Arbitraries.longs().between(0, 90_000_000), Arbitraries.integers().between(1, 60),
                Arbitraries.longs().between(1_500_000_000L, 1_900_000_000L), Arbitraries.of(true, false))
                .as((id, views, seconds, created, featured) -> {
                    ObjectNode n = F.objectNode().put("__typename", "Clip").put("id", id).put("slug", "Slug" + id)
                            .put("url", "https://clips.twitch.tv/Slug" + id).put("title", "t").put("viewCount", views)
                            .put("language", "EN").put("createdAt", Instant.ofEpochSecond(created).toString())
                            .put("durationSeconds", seconds).put("isFeatured", featured).putNull("champBadge");
                    n.putObject("broadcaster").put("id", "1").put("login", "b");
                    n.putNull("curator");
                    n.putObject("game").put("id", "509658").put("name", "Just Chatting");
                    return n;
                });
        return node.list().ofMaxSize(4).map(nodes -> {
            ObjectNode clips = F.objectNode();
            ArrayNode edges = clips.putArray("edges");
            List<ObjectNode> list = new ArrayList<>(nodes);
            for (int i = 0; i < list.size(); i++) {
                edges.addObject().put("cursor", "c" + i).set("node", list.get(i));
            }
            clips.putObject("pageInfo").put("hasNextPage", !list.isEmpty());
            return clips;
        });
    }

    @Provide
    Arbitrary<JsonNode> wrong() {
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().ofMaxLength(5).map(s -> (JsonNode) F.textNode(MARK + s)),
                Arbitraries.just(F.textNode("")),
                Arbitraries.just(F.textNode("2026-03-05 18:00")),
                Arbitraries.just(F.numberNode(12.5)),
                Arbitraries.just(F.numberNode(-3)),
                Arbitraries.of(true, false).map(b -> (JsonNode) F.booleanNode(b)),
                Arbitraries.just(F.objectNode().put("v", MARK)),
                Arbitraries.just(F.arrayNode().add(MARK)));
    }
}
