package io.lurker.chat.irc;

import static org.assertj.core.api.Assertions.assertThat;

import io.lurker.chat.emote.Emote;
import io.lurker.chat.emote.EmoteIndex;
import io.lurker.chat.emote.EmoteScope;
import io.lurker.chat.emote.EmoteSet;
import io.lurker.chat.service.ChatRecordMapper;
import io.lurker.contracts.chat.ChatSource;
import io.lurker.contracts.chat.EmoteProvider;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** No input makes the parser, a typed view or the conversion throw; well-formed lines read back exactly. */
class IrcLineParserPropertiesTest {

    private final IrcLineParser parser = new IrcLineParser();
    private final ChatRecordMapper mapper = new ChatRecordMapper();
    private final EmoteIndex emotes = EmoteIndex.of(List.of(new EmoteSet(EmoteScope.global(EmoteProvider.BTTV),
            List.of(new Emote(EmoteProvider.BTTV, "b1", "x", null), new Emote(EmoteProvider.BTTV, "b2", ":", null)))));

    @Property(tries = 2000)
    void anyStringIsHandled(@ForAll("ircish") String line) {
        ChatLine parsed = parser.parse(line);
        exercise(parsed);
        assertThat(parsed.raw()).isNotNull();
    }

    @Property(tries = 500)
    void anyUnicodeStringIsHandled(@ForAll String line) {
        exercise(parser.parse(line));
    }

    @Property(tries = 1000)
    void anyBytesAreHandled(@ForAll byte[] bytes) {
        ChatLine parsed = parser.parse(bytes, 0, bytes.length);
        exercise(parsed);
        if (parsed instanceof Unparsed u && u.reason() == UnparsedReason.INVALID_UTF8) {
            assertThat(u.rawBytes()).isNotEmpty();
        }
    }

    @Property(tries = 1000)
    void taggedPrivmsgReadsBack(@ForAll("tags") Map<String, String> tags, @ForAll("texts") String text,
            @ForAll("logins") String channel) {
        StringBuilder line = new StringBuilder("@");
        tags.forEach((k, v) -> line.append(k).append('=').append(TagEscapes.escape(v)).append(';'));
        line.setLength(line.length() - 1);
        line.append(" :someone!someone@someone.tmi.twitch.tv PRIVMSG #").append(channel).append(" :").append(text);
        ChatLine parsed = parser.parse(line.toString());
        if (Utf8.length(line.toString()) > IrcLineParser.MAX_LINE_BYTES) {
            assertThat(parsed).isInstanceOf(Unparsed.class);
            return;
        }
        assertThat(parsed).isInstanceOf(Privmsg.class);
        Privmsg p = (Privmsg) parsed;
        assertThat(p.irc().tags()).isEqualTo(tags);
        assertThat(p.channelLogin()).isEqualTo(channel);
        assertThat(p.irc().lastParam()).isEqualTo(text);
        exercise(p);
    }

    @Provide
    Arbitrary<String> ircish() {
        Arbitrary<String> pieces = Arbitraries.of("@", ";", "=", " ", ":", "!", "@", "#", "\\", "\\s", "\\:", "PRIVMSG",
                "USERNOTICE", "CLEARCHAT", "CLEARMSG", "ROOMSTATE", "NOTICE", "PING", "WHISPER", "USERSTATE", "001",
                "emotes=", "25:0-4", "/", ",", "-", "99999999999", "\u0001ACTION ", "\u0001", "#chan", "\uD83D\uDE00",
                "\uD83D", "room-id=", "tmi-sent-ts=", "bits=", "badges=", "a/1", "reply-parent-msg-id=", "source-room-id=",
                "ban-duration=", "msg-param-x=", "\r", "\n", "\u0000", "x", "Kappa");
        return pieces.list().ofMaxSize(40).map(list -> String.join("", list));
    }

    @Provide
    Arbitrary<Map<String, String>> tags() {
        Arbitrary<String> keys = Arbitraries.strings().withCharRange('a', 'z').withChars('-', '/', '+').ofMinLength(1).ofMaxLength(12)
                .filter(k -> !k.isEmpty());
        Arbitrary<String> values = Arbitraries.strings().all().ofMaxLength(20)
                .filter(v -> v.indexOf('\u0000') < 0);
        return Arbitraries.maps(keys, values).ofMaxSize(10).map(LinkedHashMap::new);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().all().ofMaxLength(60)
                .filter(t -> t.indexOf('\r') < 0 && t.indexOf('\n') < 0 && t.indexOf('\u0000') < 0);
    }

    @Provide
    Arbitrary<String> logins() {
        return Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('_').ofMinLength(1).ofMaxLength(25);
    }

    /** Calls every accessor of the view and converts it, as the pipeline would. */
    private void exercise(ChatLine line) {
        Instant now = Instant.EPOCH;
        line.kind();
        line.channelLogin();
        if (line instanceof ParsedLine p) {
            IrcLine irc = p.irc();
            irc.tags();
            irc.source();
            irc.nick();
            irc.params();
            irc.lastParam();
            p.badges();
            p.badgeInfo();
            p.moderator();
            p.subscriber();
            p.vip();
            p.turbo();
            p.sentAtMillis();
            p.userType();
        }
        if (line instanceof Privmsg p) {
            p.emoteRanges();
            p.twitchEmotes();
            p.replyParent();
            p.sharedChat();
            p.mirrored();
            p.sourceBadges();
            p.sourceBadgeInfo();
            p.bits();
            mapper.toMessage(p, now, ChatSource.LIVE, emotes);
        } else if (line instanceof Usernotice u) {
            mapper.toEvent(u, now, ChatSource.LIVE);
        } else if (line instanceof Clearchat c) {
            c.ban();
            mapper.toEvent(c, now, ChatSource.LIVE);
        } else if (line instanceof Clearmsg c) {
            mapper.toEvent(c, now, ChatSource.LIVE);
        } else if (line instanceof Roomstate r) {
            r.followersOnlyMinutes();
            r.slowSeconds();
            mapper.toEvent(r, now, ChatSource.LIVE);
        } else if (line instanceof Notice n) {
            n.loginFailed();
            mapper.toEvent(n, now, ChatSource.LIVE);
        } else if (line instanceof Whisper w) {
            w.fromLogin();
            w.toLogin();
            w.text();
        } else if (line instanceof Ping p) {
            p.pongReply();
        } else if (line instanceof Unparsed u) {
            assertThat(u.reason()).isNotNull();
            mapper.toEvent(u, "c", now, ChatSource.LIVE);
            u.raw().getBytes(StandardCharsets.UTF_8);
        }
    }
}
