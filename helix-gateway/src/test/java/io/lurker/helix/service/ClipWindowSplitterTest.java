package io.lurker.helix.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The splitter against a fake capped clip source: every clip found once, whatever the cap. */
class ClipWindowSplitterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant FROM = Instant.parse("2025-03-01T00:00:00Z");

    record Clip(String id, Instant at, long views) {
    }

    @Property(tries = 60)
    void everyClipIsFoundOnceThoughQueriesAreCapped(@ForAll @IntRange(min = 0, max = 3000) int count,
                                                     @ForAll @IntRange(min = 5, max = 200) int cap,
                                                     @ForAll @IntRange(min = 1, max = 30) int days,
                                                     @ForAll long seed) {
        Random random = new Random(seed);
        Instant to = FROM.plus(Duration.ofDays(days));
        List<Clip> clips = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // bursts: most clips in a few hours, like a popular stream
            long span = random.nextInt(4) == 0 ? Duration.ofDays(days).toSeconds() : Math.min(Duration.ofDays(days).toSeconds(), 7200);
            clips.add(new Clip("c" + i, FROM.plusSeconds((long) (random.nextDouble() * span)), random.nextInt(100_000)));
        }
        int[] queries = {0};
        ClipWindowSplitter splitter = new ClipWindowSplitter(cap, Duration.ofDays(1), Duration.ofSeconds(1));
        ClipWindowSplitter.Sweep sweep = splitter.sweep(FROM, to, (a, b) -> {
            queries[0]++;
            // Helix: the window's clips (both ends inclusive), most viewed first, cut at the cap
            return clips.stream().filter(c -> !c.at().isBefore(a) && !c.at().isAfter(b))
                    .sorted(Comparator.comparingLong(Clip::views).reversed()).limit(cap).map(ClipWindowSplitterTest::json).toList();
        });
        Set<String> found = sweep.clips().stream().map(c -> c.path("id").asText()).collect(Collectors.toSet());
        assertThat(sweep.clips()).hasSize(found.size());
        // windows stop halving below 2 s, so a final window spans up to 3 distinct seconds
        List<Instant> times = clips.stream().map(Clip::at).sorted().toList();
        int densest = 0;
        for (int i = 0, j = 0; i < times.size(); i++) {
            while (Duration.between(times.get(j), times.get(i)).toSeconds() >= 3) {
                j++;
            }
            densest = Math.max(densest, i - j + 1);
        }
        if (densest < cap) {
            assertThat(found).isEqualTo(clips.stream().map(Clip::id).collect(Collectors.toSet()));
            assertThat(sweep.truncated()).isFalse();
        }
        assertThat(sweep.windows()).isEqualTo(queries[0]);
    }

    private static JsonNode json(Clip clip) {
        return JSON.createObjectNode().put("id", clip.id()).put("created_at", clip.at().toString()).put("view_count", clip.views());
    }
}
