package io.lurker.helix.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lurker.tokenpool.problem.ProblemType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Paging over answers whose {@code data} and {@code pagination} take every form seen or
 * imaginable: the rows of every page up to the end, in order (at most {@code max}), or a 502
 * {@link MalformedHelixAnswer} naming the part that was wrong — never a silently short list, a
 * row that is not an object, or paging forever on a cursor that comes back.
 */
class HelixPagingPropertiesTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** How a page says what comes next. */
    enum Next {
        CURSOR(true, false), // {"cursor": "<next>"}
        REPEAT(true, true), // the cursor of an earlier page again
        NO_PAGINATION(false, false), EMPTY_OBJECT(false, false), NULL_PAGINATION(false, false), EMPTY_CURSOR(false, false),
        NULL_CURSOR(false, false), NUMBER_CURSOR(false, true), OBJECT_CURSOR(false, true), STRING_PAGINATION(false, true);

        final boolean more;
        final boolean malformed;

        Next(boolean more, boolean malformed) {
            this.more = more;
            this.malformed = malformed;
        }
    }

    /** What a page's {@code data} is. */
    enum Data { ROWS, EMPTY, MISSING, NULL, OBJECT, STRING, ROW_NOT_OBJECT }

    record Page(Data data, int rows, Next next) {
    }

    @Property(tries = 1000)
    void rowsOfEveryPageToTheEndOrAClearError(@ForAll("pages") List<Page> pages, @ForAll @IntRange(min = 1, max = 40) int max) {
        Map<String, Integer> byCursor = new HashMap<>();
        List<JsonNode> answers = new ArrayList<>();
        int id = 0;
        for (int i = 0; i < pages.size(); i++) {
            answers.add(answer(pages.get(i), i, id));
            id += pages.get(i).rows();
            byCursor.put("c" + (i + 1), i + 1);
        }
        AtomicInteger fetches = new AtomicInteger();

        Throwable thrown = catchThrowable(() -> HelixReader.walk("streams", cursor -> {
            assertThat(fetches.incrementAndGet()).as("fetches").isLessThanOrEqualTo(pages.size());
            return answers.get(cursor == null ? 0 : byCursor.get(cursor));
        }, max, null));
        List<JsonNode> rows = thrown == null ? HelixReader.walk("streams", c -> answers.get(c == null ? 0 : byCursor.get(c)), max, null)
                : null;

        Expected expected = expect(pages, max);
        if (expected.field() != null) {
            assertThat(thrown).isInstanceOf(MalformedHelixAnswer.class);
            MalformedHelixAnswer answer = (MalformedHelixAnswer) thrown;
            assertThat(answer.status()).isEqualTo(502);
            assertThat(answer.type()).isEqualTo(ProblemType.UPSTREAM_ERROR);
            assertThat(answer.field()).startsWith(expected.field());
            assertThat(answer.getMessage()).startsWith("Twitch answered streams with ");
        } else {
            assertThat(thrown).isNull();
            assertThat(rows).extracting(r -> r.path("id").asInt()).containsExactlyElementsOf(expected.ids());
        }
    }

    record Expected(List<Integer> ids, String field) {
    }

    /** What paging must give: the model of Helix paging. */
    private static Expected expect(List<Page> pages, int max) {
        List<Integer> ids = new ArrayList<>();
        int id = 0;
        for (Page page : pages) {
            switch (page.data()) {
                case MISSING, NULL, OBJECT, STRING -> {
                    return new Expected(null, "data");
                }
                case ROW_NOT_OBJECT -> {
                    return new Expected(null, "data[");
                }
                default -> {
                }
            }
            for (int r = 0; r < page.rows(); r++) {
                ids.add(id + r);
            }
            id += page.rows();
            if (page.next().malformed) {
                return new Expected(null, page.next() == Next.STRING_PAGINATION ? "pagination" : "pagination.cursor");
            }
            if (page.rows() == 0 || !page.next().more || ids.size() >= max) {
                break;
            }
        }
        return new Expected(ids.size() > max ? ids.subList(0, max) : ids, null);
    }

    private static JsonNode answer(Page page, int index, int firstId) {
        ObjectNode answer = F.objectNode();
        ArrayNode rows = F.arrayNode();
        for (int r = 0; r < page.rows(); r++) {
            rows.add(F.objectNode().put("id", Integer.toString(firstId + r)).put("viewer_count", r));
        }
        switch (page.data()) {
            case ROWS, EMPTY -> answer.set("data", rows);
            case MISSING -> {
            }
            case NULL -> answer.putNull("data");
            case OBJECT -> answer.set("data", F.objectNode().set("0", rows.isEmpty() ? F.objectNode() : rows.get(0)));
            case STRING -> answer.put("data", "");
            case ROW_NOT_OBJECT -> answer.set("data", rows.add("x"));
        }
        switch (page.next()) {
            case CURSOR -> answer.putObject("pagination").put("cursor", "c" + (index + 1));
            case REPEAT -> answer.putObject("pagination").put("cursor", "c" + index);
            case NO_PAGINATION -> {
            }
            case EMPTY_OBJECT -> answer.putObject("pagination");
            case NULL_PAGINATION -> answer.putNull("pagination");
            case EMPTY_CURSOR -> answer.putObject("pagination").put("cursor", "");
            case NULL_CURSOR -> answer.putObject("pagination").putNull("cursor");
            case NUMBER_CURSOR -> answer.putObject("pagination").put("cursor", 7);
            case OBJECT_CURSOR -> answer.putObject("pagination").putObject("cursor");
            case STRING_PAGINATION -> answer.put("pagination", "c" + (index + 1));
        }
        answer.put("total", 12345); // other fields are ignored
        return answer;
    }

    @Provide
    Arbitrary<List<Page>> pages() {
        Arbitrary<Page> page = Combinators.combine(
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, Arbitraries.just(Data.ROWS)), net.jqwik.api.Tuple.of(3, Arbitraries.of(Data.class))),
                Arbitraries.integers().between(0, 6),
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(8, Arbitraries.just(Next.CURSOR)),
                        net.jqwik.api.Tuple.of(4, Arbitraries.of(Next.class))))
                .as((data, rows, next) -> new Page(data, data == Data.EMPTY ? 0 : data == Data.ROWS ? Math.max(1, rows) : rows, next));
        return page.list().ofMinSize(1).ofMaxSize(8).map(list -> {
            // the first page cannot repeat a cursor; the last one ends
            List<Page> out = new ArrayList<>(list);
            if (out.get(0).next() == Next.REPEAT) {
                out.set(0, new Page(out.get(0).data(), out.get(0).rows(), Next.CURSOR));
            }
            Page last = out.get(out.size() - 1);
            if (last.next() == Next.CURSOR) {
                out.set(out.size() - 1, new Page(last.data(), last.rows(), Next.EMPTY_OBJECT));
            }
            return out;
        });
    }
}
