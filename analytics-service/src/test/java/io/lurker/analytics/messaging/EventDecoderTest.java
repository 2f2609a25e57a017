package io.lurker.analytics.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lurker.analytics.service.InvalidEventException;
import io.lurker.contracts.EventJson;
import io.lurker.contracts.chat.ChatEventBatch;
import io.lurker.contracts.chat.ChatMessageBatch;
import io.lurker.contracts.stream.StreamSnapshotBatch;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The values Jackson's lenient defaults read silently (the comment after each case says as
 * what) are refused, each with a reason naming the field.
 */
class EventDecoderTest {

    private static final String SNAPSHOT = """
            {"schema":1,"pollId":"p1","sampledAt":"2026-03-05T18:00:00Z","intervalSeconds":60,
             "polledChannelIds":["1"],"live":[{"channelId":"1","channelLogin":"a","streamId":"s1","viewerCount":42,
             "startedAt":"2026-03-05T17:00:00Z","tags":["x"]}]}""";
    private static final String MESSAGES = """
            {"schema":1,"batchId":"b","channelLogin":"a","createdAt":"2026-03-05T18:00:00Z","messages":[
             {"id":"m1","source":"live","channelId":"1","channelLogin":"a","author":{"userId":"u1","login":"u"},
              "text":"hi","action":false,"sentAt":"2026-03-05T18:00:00Z","bits":0,"emotes":[]}]}""";

    private final EventDecoder decoder = new EventDecoder(EventJson.mapper());

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // viewers missing: was 0
            "\"viewerCount\":42                        | \"tags\":[\"x\"]                        | field live[0].viewerCount is missing or null",
            // null: was 0
            "\"viewerCount\":42                        | \"viewerCount\":null                     | field live[0].viewerCount is missing or null",
            // empty string: was 0
            "\"viewerCount\":42                        | \"viewerCount\":\"\"                     | field live[0].viewerCount is not an integer",
            // a fraction: was 42
            "\"viewerCount\":42                        | \"viewerCount\":42.9                     | field live[0].viewerCount is not an integer",
            // a numeric string: was 42
            "\"viewerCount\":42                        | \"viewerCount\":\"42\"                   | field live[0].viewerCount is not an integer",
            // too big for an int
            "\"viewerCount\":42                        | \"viewerCount\":4200000000               | field live[0].viewerCount is out of range",
            // epoch seconds: was a time
            "\"sampledAt\":\"2026-03-05T18:00:00Z\"     | \"sampledAt\":1772733600                 | field sampledAt is not an RFC 3339 time",
            // no offset: not RFC 3339
            "\"sampledAt\":\"2026-03-05T18:00:00Z\"     | \"sampledAt\":\"2026-03-05T18:00:00\"    | field sampledAt is not an RFC 3339 time",
            // a number for a text: was "1"
            "\"streamId\":\"s1\"                        | \"streamId\":1                           | field live[0].streamId is not a string",
            // schema missing: was 0
            "\"schema\":1,                            | ''                                     | field schema is missing or null",
    })
    void leniencyIsRefusedByName(String from, String to, String reason) {
        byte[] body = SNAPSHOT.replace(from.strip(), to.strip().equals("''") ? "" : to.strip()).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> decoder.decode(body, StreamSnapshotBatch.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("unreadable StreamSnapshotBatch JSON: " + reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // an enum's index: was "live"
            "\"source\":\"live\"   | \"source\":0       | field messages[0].source is not one of the ChatSource values",
            // 1 for true: was true
            "\"action\":false     | \"action\":1       | field messages[0].action is not a boolean",
            "\"bits\":0           | \"bits\":null      | field messages[0].bits is missing or null",
            "\"author\":{         | \"author\":\"x\",\"y\":{ | field messages[0].author is not an object",
    })
    void chatLeniencyIsRefusedByName(String from, String to, String reason) {
        byte[] body = MESSAGES.replace(from.strip(), to.strip()).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> decoder.decode(body, ChatMessageBatch.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("unreadable ChatMessageBatch JSON: " + reason);
    }

    @Test
    void aReasonNeverRepeatsTheValue() {
        String secret = "oauth:abcdefghijklmnopqrstuvwxyz0123";
        for (String damaged : new String[] {
                SNAPSHOT.replace("\"2026-03-05T18:00:00Z\",\"intervalSeconds\"", "\"" + secret + "\",\"intervalSeconds\""),
                SNAPSHOT.replace("\"viewerCount\":42", "\"viewerCount\":\"" + secret + "\""),
                MESSAGES.replace("\"source\":\"live\"", "\"source\":\"" + secret + "\""),
                MESSAGES.replace("\"text\":\"hi\"", "\"text\":" + secret)}) {
            Class<?> type = damaged.contains("pollId") ? StreamSnapshotBatch.class : ChatMessageBatch.class;
            assertThatThrownBy(() -> decoder.decode(damaged.getBytes(StandardCharsets.UTF_8), type))
                    .isInstanceOf(InvalidEventException.class)
                    .message().doesNotContain("oauth").doesNotContain("abcdefgh");
        }
    }

    @Test
    void anUnknownEnumValueIsRefusedByName() {
        String body = """
                {"schema":1,"batchId":"b","channelLogin":"a","createdAt":"2026-03-05T18:00:00Z","events":[
                 {"id":"e1","kind":"raid","channelLogin":"a","at":"2026-03-05T18:00:00Z"}]}""";

        assertThatThrownBy(() -> decoder.decode(body.getBytes(StandardCharsets.UTF_8), ChatEventBatch.class))
                .hasMessage("unreadable ChatEventBatch JSON: field events[0].kind is not one of the ChatEventKind values");
    }

    @Test
    void notJsonEmptyAndTrailingGarbageAreRefused() {
        assertThatThrownBy(() -> decoder.decode("{not json".getBytes(StandardCharsets.UTF_8), ChatMessageBatch.class))
                .hasMessageStartingWith("unreadable ChatMessageBatch JSON: not JSON at ").hasMessageContaining("line 1, column");
        assertThatThrownBy(() -> decoder.decode(new byte[0], ChatMessageBatch.class)).hasMessage("empty body");
        assertThatThrownBy(() -> decoder.decode("null".getBytes(StandardCharsets.UTF_8), ChatMessageBatch.class))
                .hasMessage("unreadable ChatMessageBatch JSON: the body is JSON null");
        assertThatThrownBy(() -> decoder.decode((MESSAGES + " {}").getBytes(StandardCharsets.UTF_8), ChatMessageBatch.class))
                .isInstanceOf(InvalidEventException.class);
    }

    @Test
    void anRfc3339OffsetIsReadAsTheSameInstant() {
        byte[] body = SNAPSHOT.replace("\"2026-03-05T18:00:00Z\",\"intervalSeconds\"", "\"2026-03-05T19:30:00+01:30\",\"intervalSeconds\"")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(decoder.decode(body, StreamSnapshotBatch.class).sampledAt()).isEqualTo(Instant.parse("2026-03-05T18:00:00Z"));
    }
}
