package io.lurker.chat.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.lurker.chat.emote.Emote;
import io.lurker.chat.emote.EmoteIndex;
import io.lurker.chat.emote.EmoteScope;
import io.lurker.chat.emote.EmoteSet;
import io.lurker.chat.irc.Clearchat;
import io.lurker.chat.irc.Clearmsg;
import io.lurker.chat.irc.IrcLineParser;
import io.lurker.chat.irc.Privmsg;
import io.lurker.chat.irc.Roomstate;
import io.lurker.chat.irc.Unparsed;
import io.lurker.chat.irc.Usernotice;
import io.lurker.contracts.chat.ChatEvent;
import io.lurker.contracts.chat.ChatEventKind;
import io.lurker.contracts.chat.ChatMessage;
import io.lurker.contracts.chat.ChatSource;
import io.lurker.contracts.chat.EmoteOccurrence;
import io.lurker.contracts.chat.EmoteProvider;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatRecordMapperTest {

    private static final Instant RECEIVED = Instant.parse("2024-05-01T12:00:01Z");
    private final IrcLineParser parser = new IrcLineParser();
    private final ChatRecordMapper mapper = new ChatRecordMapper();
    private final EmoteIndex emotes = EmoteIndex.of(List.of(new EmoteSet(EmoteScope.channel(EmoteProvider.SEVENTV, "1337"),
            List.of(new Emote(EmoteProvider.SEVENTV, "7a", "catJAM", null)))));

    @Test
    void privmsgBecomesAChatMessage() {
        String raw = "@badge-info=subscriber/22;badges=subscriber/18,vip/1;bits=50;color=#FF4500;display-name=Some\\sUser;"
                + "emotes=25:8-12;first-msg=1;id=abc;mod=0;room-id=1337;subscriber=1;tmi-sent-ts=1714564800123;turbo=0;"
                + "user-id=42;user-type= :someuser!someuser@someuser.tmi.twitch.tv PRIVMSG #chan :\u0001ACTION cheer50 Kappa catJAM catJAM\u0001";
        ChatMessage m = mapper.toMessage((Privmsg) parser.parse(raw), RECEIVED, ChatSource.LIVE, emotes);
        assertThat(m.id()).isEqualTo("abc");
        assertThat(m.source()).isEqualTo(ChatSource.LIVE);
        assertThat(m.channelId()).isEqualTo("1337");
        assertThat(m.channelLogin()).isEqualTo("chan");
        assertThat(m.text()).isEqualTo("cheer50 Kappa catJAM catJAM");
        assertThat(m.action()).isTrue();
        assertThat(m.sentAt()).isEqualTo(Instant.ofEpochMilli(1714564800123L));
        assertThat(m.receivedAt()).isEqualTo(RECEIVED);
        assertThat(m.bits()).isEqualTo(50);
        assertThat(m.firstMessage()).isTrue();
        assertThat(m.author().login()).isEqualTo("someuser");
        assertThat(m.author().displayName()).isEqualTo("Some User");
        assertThat(m.author().badgeInfo()).containsEntry("subscriber", "22");
        assertThat(m.author().vip()).isTrue();
        assertThat(m.author().subscriber()).isTrue();
        assertThat(m.emotes()).containsExactly(new EmoteOccurrence(EmoteProvider.TWITCH, "25", "Kappa", 1),
                new EmoteOccurrence(EmoteProvider.SEVENTV, "7a", "catJAM", 2));
        assertThat(m.raw()).isEqualTo(raw);
    }

    @Test
    void untaggedLinesGetAStableDerivedId() {
        String raw = ":viewer!viewer@viewer.tmi.twitch.tv PRIVMSG #chan :hello";
        ChatMessage first = mapper.toMessage((Privmsg) parser.parse(raw), RECEIVED, ChatSource.IMPORT, EmoteIndex.EMPTY);
        ChatMessage again = mapper.toMessage((Privmsg) parser.parse(raw), RECEIVED.plusSeconds(60), ChatSource.IMPORT, EmoteIndex.EMPTY);
        assertThat(first.id()).isEqualTo(again.id()).isNotBlank();
        assertThat(first.sentAt()).isEqualTo(RECEIVED);
        assertThat(first.channelId()).isNull();
    }

    @Test
    void eventsCarryTheirIds() {
        ChatEvent sub = mapper.toEvent((Usernotice) parser.parse("@id=u1;login=fan;msg-id=subgift;msg-param-recipient-user-name=lucky;"
                + "room-id=1;system-msg=a\\sgift;tmi-sent-ts=1000;user-id=9 :tmi.twitch.tv USERNOTICE #chan"), RECEIVED, ChatSource.LIVE);
        assertThat(sub.id()).isEqualTo("u1");
        assertThat(sub.kind()).isEqualTo(ChatEventKind.USERNOTICE);
        assertThat(sub.noticeType()).isEqualTo("subgift");
        assertThat(sub.user().login()).isEqualTo("fan");
        assertThat(sub.params()).containsEntry("recipient-user-name", "lucky");
        assertThat(sub.systemMessage()).isEqualTo("a gift");
        assertThat(sub.at()).isEqualTo(Instant.ofEpochMilli(1000));

        String clearRaw = "@ban-duration=60;room-id=1;target-user-id=5;tmi-sent-ts=2000 :tmi.twitch.tv CLEARCHAT #chan :troll";
        ChatEvent timeout = mapper.toEvent((Clearchat) parser.parse(clearRaw), RECEIVED, ChatSource.LIVE);
        assertThat(timeout.id()).isEqualTo(DerivedIds.fromRaw(clearRaw));
        assertThat(timeout.banDurationSeconds()).isEqualTo(60);
        assertThat(timeout.user().userId()).isEqualTo("5");

        ChatEvent deleted = mapper.toEvent((Clearmsg) parser.parse("@login=a;room-id=1;target-msg-id=m9;tmi-sent-ts=3 "
                + ":tmi.twitch.tv CLEARMSG #chan :oops"), RECEIVED, ChatSource.LIVE);
        assertThat(deleted.id()).isEqualTo("m9");
        assertThat(deleted.targetMessageId()).isEqualTo("m9");
        assertThat(deleted.text()).isEqualTo("oops");

        ChatEvent room = mapper.toEvent((Roomstate) parser.parse("@room-id=1;slow=10 :tmi.twitch.tv ROOMSTATE #chan"),
                RECEIVED, ChatSource.LIVE);
        assertThat(room.params()).containsEntry("slow", "10");
        assertThat(room.channelId()).isEqualTo("1");
        assertThat(room.at()).isEqualTo(RECEIVED);
    }

    @Test
    void unparsedKeepsReasonAndExactBytes() {
        byte[] bytes = "PRIVMSG #c :\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        Unparsed u = (Unparsed) parser.parse(bytes, 0, bytes.length);
        ChatEvent e = mapper.toEvent(u, "c", RECEIVED, ChatSource.IMPORT);
        assertThat(e.kind()).isEqualTo(ChatEventKind.UNPARSED);
        assertThat(e.params()).containsEntry("reason", "invalid-utf8");
        assertThat(Base64.getDecoder().decode(e.params().get("rawBase64"))).containsExactly(bytes);
        assertThat(e.id()).isEqualTo(DerivedIds.fromBytes(bytes));
        assertThat(e.channelLogin()).isEqualTo("c");
        assertThat(e.raw()).isEqualTo(u.raw());
    }
}
