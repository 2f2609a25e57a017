package io.lurker.gql.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lurker.contracts.chat.ChatMessage;
import io.lurker.contracts.chat.ChatSource;
import io.lurker.contracts.chat.EmoteOccurrence;
import io.lurker.contracts.chat.EmoteProvider;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A comment node as Twitch sends it becomes a replay ChatMessage. */
class ReplayMessagesTest {

    @Test
    void mapsFragmentsEmotesBadgesAndPosition() throws Exception {
        JsonNode node = new ObjectMapper().readTree("""
                {"id":"c0ffee00-0000-4000-8000-000000000001","commenter":{"id":"123","login":"SomeOne","displayName":"SomeOne"},
                 "contentOffsetSeconds":754,"createdAt":"2025-03-14T18:12:34.560Z",
                 "message":{"fragments":[{"emote":null,"text":"hi "},{"emote":{"emoteID":"25","from":3},"text":"Kappa"},
                   {"emote":null,"text":" and "},{"emote":{"emoteID":"25","from":13},"text":"Kappa"}],
                   "userBadges":[{"setID":"subscriber","version":"12"},{"setID":"moderator","version":"1"}],"userColor":"#FF0000"}}
                """);
        Instant received = Instant.parse("2025-03-15T00:00:00Z");
        ChatMessage m = ReplayMessages.toMessage(node, "777", "42", "channel", received);
        assertThat(m.id()).isEqualTo("c0ffee00-0000-4000-8000-000000000001");
        assertThat(m.source()).isEqualTo(ChatSource.REPLAY);
        assertThat(m.text()).isEqualTo("hi Kappa and Kappa");
        assertThat(m.sentAt()).isEqualTo(Instant.parse("2025-03-14T18:12:34.560Z"));
        assertThat(m.receivedAt()).isEqualTo(received);
        assertThat(m.replay().videoId()).isEqualTo("777");
        assertThat(m.replay().contentOffsetSeconds()).isEqualTo(754);
        assertThat(m.emotes()).containsExactly(new EmoteOccurrence(EmoteProvider.TWITCH, "25", "Kappa", 2));
        assertThat(m.author().login()).isEqualTo("someone");
        assertThat(m.author().badges()).containsEntry("subscriber", "12").containsEntry("moderator", "1");
        assertThat(m.author().subscriber()).isTrue();
        assertThat(m.author().moderator()).isTrue();
        assertThat(m.author().color()).isEqualTo("#FF0000");
        assertThat(m.raw()).isEqualTo(node.toString());
        assertThat(m.channelId()).isEqualTo("42");
    }

    @Test
    void aDeletedCommenterAndNoFragmentsDoNotBreakIt() throws Exception {
        JsonNode node = new ObjectMapper().readTree("{\"id\":\"x1\",\"commenter\":null,\"contentOffsetSeconds\":0,\"message\":{}}");
        ChatMessage m = ReplayMessages.toMessage(node, "1", "2", "c", Instant.EPOCH);
        assertThat(m.author().userId()).isNull();
        assertThat(m.text()).isEmpty();
        assertThat(m.emotes()).isEmpty();
        assertThat(m.sentAt()).isNull();
    }
}
