package io.lurker.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lurker.contracts.catalog.VodRecord;
import io.lurker.contracts.chat.ChatAuthor;
import io.lurker.contracts.chat.ChatMessage;
import io.lurker.contracts.chat.ChatMessageBatch;
import io.lurker.contracts.chat.ChatSource;
import io.lurker.contracts.chat.EmoteOccurrence;
import io.lurker.contracts.chat.EmoteProvider;
import io.lurker.contracts.control.WatchlistChanged;
import io.lurker.contracts.control.WatchlistEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private final ObjectMapper json = EventJson.mapper();

    @Test
    void chatBatchRoundTripsWithRfc3339TimesAndLowerCaseEnums() throws Exception {
        ChatMessage message = new ChatMessage("b34ccfc7-4977-403a-8a94-33c6bac34fb8", ChatSource.LIVE, "12345",
                "ronni", new ChatAuthor("67890", "viewer", "Viewer", "#FF0000", Map.of("subscriber", "12"),
                        Map.of("subscriber", "22"), true, false, false, false, ""),
                "Kappa 🙂 catJAM", false, Instant.parse("2026-11-27T20:00:00.123Z"),
                Instant.parse("2026-11-27T20:00:00.200Z"), 0, false, false, null, null, null, null, null,
                List.of(new EmoteOccurrence(EmoteProvider.TWITCH, "25", "Kappa", 1),
                        new EmoteOccurrence(EmoteProvider.SEVENTV, "60ae", "catJAM", 1)),
                "@id=b34... :viewer!viewer@viewer.tmi.twitch.tv PRIVMSG #ronni :Kappa 🙂 catJAM");
        ChatMessageBatch batch = new ChatMessageBatch(Schema.CURRENT, "batch-1", "ronni",
                Instant.parse("2026-11-27T20:00:01Z"), List.of(message));

        String text = json.writeValueAsString(batch);
        JsonNode tree = json.readTree(text);

        assertThat(tree.get("schema").asInt()).isEqualTo(1);
        assertThat(tree.at("/messages/0/sentAt").asText()).isEqualTo("2026-11-27T20:00:00.123Z");
        assertThat(tree.at("/messages/0/source").asText()).isEqualTo("live");
        assertThat(tree.at("/messages/0/emotes/1/provider").asText()).isEqualTo("7tv");
        assertThat(json.readValue(text, ChatMessageBatch.class)).isEqualTo(batch);
    }

    @Test
    void readersIgnoreFieldsAddedByNewerWriters() throws Exception {
        String text = """
                {"schema":1,"version":7,"at":"2026-11-27T20:00:00Z","added":[{"kind":"game","id":"21779",
                 "name":"League of Legends","addedBy":"someone"}],"removed":[],"newField":true}
                """;

        WatchlistChanged changed = json.readValue(text, WatchlistChanged.class);

        assertThat(changed.version()).isEqualTo(7);
        assertThat(changed.added()).containsExactly(new WatchlistEntry(WatchlistEntry.Kind.GAME, "21779", "League of Legends"));
    }

    @Test
    void vodKeepsTwitchDurationBesideSeconds() throws Exception {
        VodRecord vod = new VodRecord("v1", null, "1", "a", "A", "t", "", Instant.parse("2026-11-20T00:00:00Z"),
                Instant.parse("2026-11-20T00:00:00Z"), "https://www.twitch.tv/videos/v1", "", "public", 10, "en",
                "archive", "11h47m32s", 42452, List.of(new VodRecord.MutedSegment(60, 360)), null);

        JsonNode tree = json.valueToTree(vod);

        assertThat(tree.get("duration").asText()).isEqualTo("11h47m32s");
        assertThat(tree.get("durationSeconds").asLong()).isEqualTo(42452);
        assertThat(tree.at("/mutedSegments/0/duration").asInt()).isEqualTo(360);
        assertThat(tree.get("chapters").isNull()).isTrue();
    }
}
