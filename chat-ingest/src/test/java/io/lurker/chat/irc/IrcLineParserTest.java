package io.lurker.chat.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IrcLineParserTest {

    private final IrcLineParser parser = new IrcLineParser();

    static final String PRIVMSG = "@badge-info=subscriber/22;badges=subscriber/18,premium/1;client-nonce=a3b9;color=#FF4500;"
            + "display-name=Some\\sUser;emotes=25:0-4,12-16/1902:6-10;first-msg=0;flags=;id=b34ccfc7-4977-403a-8a94-33c6bac34fb8;"
            + "mod=0;returning-chatter=1;room-id=1337;subscriber=1;tmi-sent-ts=1714564800123;turbo=0;user-id=42;user-type= "
            + ":someuser!someuser@someuser.tmi.twitch.tv PRIVMSG #SomeChannel :Kappa Keepo Kappa";

    @Test
    void privmsgWithAllCommonTags() {
        Privmsg p = (Privmsg) parser.parse(PRIVMSG);
        assertThat(p.kind()).isEqualTo(LineKind.PRIVMSG);
        assertThat(p.channelLogin()).isEqualTo("somechannel");
        assertThat(p.login()).isEqualTo("someuser");
        assertThat(p.text()).isEqualTo("Kappa Keepo Kappa");
        assertThat(p.action()).isFalse();
        assertThat(p.id()).isEqualTo("b34ccfc7-4977-403a-8a94-33c6bac34fb8");
        assertThat(p.roomId()).isEqualTo("1337");
        assertThat(p.userId()).isEqualTo("42");
        assertThat(p.sentAtMillis()).isEqualTo(1714564800123L);
        assertThat(p.displayName()).isEqualTo("Some User");
        assertThat(p.color()).isEqualTo("#FF4500");
        assertThat(p.badges()).containsExactly(Map.entry("subscriber", "18"), Map.entry("premium", "1"));
        assertThat(p.badgeInfo()).containsExactly(Map.entry("subscriber", "22"));
        assertThat(p.subscriber()).isTrue();
        assertThat(p.moderator()).isFalse();
        assertThat(p.returningChatter()).isTrue();
        assertThat(p.firstMessage()).isFalse();
        assertThat(p.userType()).isNull();
        assertThat(p.clientNonce()).isEqualTo("a3b9");
        assertThat(p.bits()).isZero();
        assertThat(p.replyParent()).isNull();
        assertThat(p.sharedChat()).isNull();
        assertThat(p.raw()).isEqualTo(PRIVMSG);
        assertThat(p.twitchEmotes()).extracting(TwitchEmotes.Cut::emoteId, TwitchEmotes.Cut::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("25", "Kappa"),
                        org.assertj.core.groups.Tuple.tuple("1902", "Keepo"),
                        org.assertj.core.groups.Tuple.tuple("25", "Kappa"));
    }

    @Test
    void tagEscapesAreUndone() {
        ParsedLine line = (ParsedLine) parser.parse(
                "@a=semi\\:colon;b=space\\sand\\\\back;c=cr\\rlf\\n;d=unknown\\qx;e=trailing\\ :tmi.twitch.tv PING");
        IrcLine irc = line.irc();
        assertThat(irc.tag("a")).isEqualTo("semi;colon");
        assertThat(irc.tag("b")).isEqualTo("space and\\back");
        assertThat(irc.tag("c")).isEqualTo("cr\rlf\n");
        assertThat(irc.tag("d")).isEqualTo("unknownqx");
        assertThat(irc.tag("e")).isEqualTo("trailing");
    }

    @Test
    void emptyAndValuelessTagsAreEmptyStrings() {
        ParsedLine line = (ParsedLine) parser.parse("@flag;empty=;;=novalue;x=1 PING :t");
        assertThat(line.irc().tag("flag")).isEmpty();
        assertThat(line.irc().tag("empty")).isEmpty();
        assertThat(line.irc().tagOrNull("empty")).isNull();
        assertThat(line.irc().hasTag("flag")).isTrue();
        assertThat(line.irc().tag("missing")).isNull();
        assertThat(line.irc().tag("x")).isEqualTo("1");
        assertThat(line.irc().tags()).containsOnlyKeys("flag", "empty", "x");
    }

    @Test
    void roleFlagsComeFromTagsOrBadges() {
        ParsedLine modBadge = (ParsedLine) parser.parse("@badges=broadcaster/1,moderator/1;mod=0 :u!u@u PRIVMSG #c :x");
        assertThat(modBadge.moderator()).isTrue();
        ParsedLine lookalikes = (ParsedLine) parser.parse("@badges=vips/1,glhf-pledge/1,no-turbo/1;subscriber=0 :u!u@u PRIVMSG #c :x");
        assertThat(lookalikes.vip()).isFalse();
        assertThat(lookalikes.turbo()).isFalse();
        assertThat(lookalikes.subscriber()).isFalse();
        ParsedLine founder = (ParsedLine) parser.parse("@badges=founder/0,vip/1 :u!u@u PRIVMSG #c :x");
        assertThat(founder.subscriber()).isTrue();
        assertThat(founder.vip()).isTrue();
        assertThat(founder.irc().tagListHas("badges", "vip")).isTrue();
        assertThat(founder.irc().tagListHas("missing", "vip")).isFalse();
    }

    @Test
    void repeatedTagKeepsLastValue() {
        ParsedLine line = (ParsedLine) parser.parse("@id=first;id=second PING");
        assertThat(line.id()).isEqualTo("second");
    }

    @Test
    void emoteRangesCountCodePointsNotUtf16Units() {
        // two astral emoji (2 UTF-16 units each) before the emote: code points 0,1 are emoji, 2 space, 3-7 Kappa
        String text = "\uD83D\uDE00\uD83D\uDE00 Kappa \uD83C\uDF89";
        Privmsg p = (Privmsg) parser.parse("@emotes=25:3-7;id=1 :u!u@u PRIVMSG #c :" + text);
        assertThat(p.twitchEmotes()).singleElement().satisfies(cut -> {
            assertThat(cut.name()).isEqualTo("Kappa");
            assertThat(cut.charStart()).isEqualTo(5);
            assertThat(cut.charEnd()).isEqualTo(10);
        });
    }

    @Test
    void outOfRangeEmotesAreClampedOrSkipped() {
        Privmsg p = (Privmsg) parser.parse("@emotes=25:0-4,6-40,50-60/x:9-3/bad:a-b,-1-2 :u!u@u PRIVMSG #c :Kappa Kap");
        assertThat(p.emoteRanges()).extracting(TwitchEmotes.Range::start).containsExactly(0, 6, 50);
        assertThat(p.twitchEmotes()).extracting(TwitchEmotes.Cut::name).containsExactly("Kappa", "Kap");
    }

    @Test
    void actionMarkersAreStrippedOnlyWhenBothArePresent() {
        Privmsg action = (Privmsg) parser.parse("@emotes=25:6-10 :u!u@u PRIVMSG #c :\u0001ACTION waves Kappa\u0001");
        assertThat(action.action()).isTrue();
        assertThat(action.text()).isEqualTo("waves Kappa");
        assertThat(action.twitchEmotes()).extracting(TwitchEmotes.Cut::name).containsExactly("Kappa");

        Privmsg half = (Privmsg) parser.parse(":u!u@u PRIVMSG #c :\u0001ACTION waves");
        assertThat(half.action()).isFalse();
        assertThat(half.text()).isEqualTo("\u0001ACTION waves");

        Privmsg empty = (Privmsg) parser.parse(":u!u@u PRIVMSG #c :\u0001ACTION\u0001");
        assertThat(empty.action()).isTrue();
        assertThat(empty.text()).isEmpty();

        Privmsg lookalike = (Privmsg) parser.parse(":u!u@u PRIVMSG #c :\u0001ACTIONS\u0001");
        assertThat(lookalike.action()).isFalse();
    }

    @Test
    void bitsReplyAndHighlight() {
        Privmsg p = (Privmsg) parser.parse("@bits=100;id=2;msg-id=highlighted-message;custom-reward-id=r1;"
                + "reply-parent-msg-id=p1;reply-parent-user-id=7;reply-parent-user-login=parent;"
                + "reply-parent-display-name=Parent;reply-parent-msg-body=hello\\sthere\\:) "
                + ":u!u@u PRIVMSG #c :@Parent cheer100 yes");
        assertThat(p.bits()).isEqualTo(100);
        assertThat(p.highlight()).isEqualTo("highlighted-message");
        assertThat(p.customRewardId()).isEqualTo("r1");
        assertThat(p.replyParent().messageId()).isEqualTo("p1");
        assertThat(p.replyParent().userId()).isEqualTo("7");
        assertThat(p.replyParent().userLogin()).isEqualTo("parent");
        assertThat(p.replyParent().displayName()).isEqualTo("Parent");
        assertThat(p.replyParent().body()).isEqualTo("hello there;)");
    }

    @Test
    void invalidNumbersFallBack() {
        Privmsg p = (Privmsg) parser.parse("@bits=lots;tmi-sent-ts=-5 :u!u@u PRIVMSG #c :x");
        assertThat(p.bits()).isZero();
        assertThat(p.sentAtMillis()).isEqualTo(-1);
        Privmsg huge = (Privmsg) parser.parse("@bits=99999999999999999999 :u!u@u PRIVMSG #c :x");
        assertThat(huge.bits()).isZero();
    }

    @Test
    void sharedChatMirror() {
        Privmsg p = (Privmsg) parser.parse("@id=m2;room-id=100;source-id=m1;source-room-id=200;"
                + "source-badges=moderator/1;source-badge-info= :u!u@u PRIVMSG #c :hi");
        assertThat(p.sharedChat().sourceMessageId()).isEqualTo("m1");
        assertThat(p.sharedChat().sourceRoomId()).isEqualTo("200");
        assertThat(p.mirrored()).isTrue();
        assertThat(p.sourceBadges()).containsEntry("moderator", "1");
        assertThat(p.sourceBadgeInfo()).isEmpty();
        Privmsg original = (Privmsg) parser.parse("@id=m1;room-id=200;source-id=m1;source-room-id=200 :u!u@u PRIVMSG #c :hi");
        assertThat(original.mirrored()).isFalse();
    }

    @Test
    void usernoticeResubWithParams() {
        Usernotice u = (Usernotice) parser.parse("@badge-info=subscriber/7;badges=subscriber/6;color=;display-name=Fan;"
                + "emotes=;id=u-1;login=fan;mod=0;msg-id=resub;msg-param-cumulative-months=7;msg-param-months=0;"
                + "msg-param-should-share-streak=0;msg-param-sub-plan-name=Channel\\sSubscription;msg-param-sub-plan=1000;"
                + "room-id=1337;subscriber=1;system-msg=Fan\\ssubscribed\\sat\\sTier\\s1.;tmi-sent-ts=1714564800000;"
                + "user-id=9;user-type= :tmi.twitch.tv USERNOTICE #chan :Great stream!");
        assertThat(u.channelLogin()).isEqualTo("chan");
        assertThat(u.noticeType()).isEqualTo("resub");
        assertThat(u.login()).isEqualTo("fan");
        assertThat(u.text()).isEqualTo("Great stream!");
        assertThat(u.systemMessage()).isEqualTo("Fan subscribed at Tier 1.");
        assertThat(u.msgParams()).containsEntry("cumulative-months", "7").containsEntry("sub-plan", "1000")
                .containsEntry("sub-plan-name", "Channel Subscription").hasSize(5);
        assertThat(u.color()).isNull();

        Usernotice raid = (Usernotice) parser.parse("@login=raider;msg-id=raid;msg-param-viewerCount=42;id=r "
                + ":tmi.twitch.tv USERNOTICE #chan");
        assertThat(raid.text()).isNull();
        assertThat(raid.msgParams()).containsEntry("viewerCount", "42");
    }

    @Test
    void clearchatTimeoutBanAndClear() {
        Clearchat timeout = (Clearchat) parser.parse("@ban-duration=600;room-id=1;target-user-id=5;tmi-sent-ts=1 "
                + ":tmi.twitch.tv CLEARCHAT #chan :Troll");
        assertThat(timeout.targetLogin()).isEqualTo("troll");
        assertThat(timeout.targetUserId()).isEqualTo("5");
        assertThat(timeout.banDurationSeconds()).isEqualTo(600);
        assertThat(timeout.ban()).isFalse();
        Clearchat ban = (Clearchat) parser.parse("@room-id=1;target-user-id=5 :tmi.twitch.tv CLEARCHAT #chan :troll");
        assertThat(ban.ban()).isTrue();
        assertThat(ban.banDurationSeconds()).isNull();
        Clearchat clear = (Clearchat) parser.parse("@room-id=1;tmi-sent-ts=2 :tmi.twitch.tv CLEARCHAT #chan");
        assertThat(clear.targetLogin()).isNull();
        assertThat(clear.ban()).isFalse();
    }

    @Test
    void clearmsg() {
        Clearmsg c = (Clearmsg) parser.parse("@login=someone;room-id=;target-msg-id=abc-123;tmi-sent-ts=1642720582342 "
                + ":tmi.twitch.tv CLEARMSG #chan :bad words here");
        assertThat(c.login()).isEqualTo("someone");
        assertThat(c.targetMessageId()).isEqualTo("abc-123");
        assertThat(c.text()).isEqualTo("bad words here");
        assertThat(c.roomId()).isNull();
    }

    @Test
    void roomstateFullAndPartial() {
        Roomstate full = (Roomstate) parser.parse("@emote-only=0;followers-only=-1;r9k=0;room-id=1337;slow=0;subs-only=0 "
                + ":tmi.twitch.tv ROOMSTATE #chan");
        assertThat(full.settings()).containsOnlyKeys("emote-only", "followers-only", "r9k", "slow", "subs-only");
        assertThat(full.followersOnlyMinutes()).isEqualTo(-1);
        assertThat(full.slowSeconds()).isZero();
        Roomstate partial = (Roomstate) parser.parse("@room-id=1337;slow=30 :tmi.twitch.tv ROOMSTATE #chan");
        assertThat(partial.settings()).containsExactly(Map.entry("slow", "30"));
        assertThat(partial.followersOnlyMinutes()).isNull();
        assertThat(partial.slowSeconds()).isEqualTo(30);
    }

    @Test
    void connectionLevelCommands() {
        Ping ping = (Ping) parser.parse("PING :tmi.twitch.tv\r\n");
        assertThat(ping.pongReply()).isEqualTo("PONG :tmi.twitch.tv");
        assertThat(ping.raw()).isEqualTo("PING :tmi.twitch.tv");
        assertThat(((Ping) parser.parse("PING")).pongReply()).isEqualTo("PONG");
        assertThat(parser.parse(":tmi.twitch.tv RECONNECT")).isInstanceOf(Reconnect.class);

        Notice loginFailed = (Notice) parser.parse(":tmi.twitch.tv NOTICE * :Login authentication failed");
        assertThat(loginFailed.channelLogin()).isNull();
        assertThat(loginFailed.loginFailed()).isTrue();
        Notice channelNotice = (Notice) parser.parse("@msg-id=emote_only_on :tmi.twitch.tv NOTICE #chan :This room is now in emote-only mode.");
        assertThat(channelNotice.channelLogin()).isEqualTo("chan");
        assertThat(channelNotice.noticeId()).isEqualTo("emote_only_on");
        assertThat(channelNotice.loginFailed()).isFalse();

        Userstate us = (Userstate) parser.parse("@badge-info=;badges=moderator/1;color=;display-name=bot;emote-sets=0,300374282;mod=1;subscriber=0;user-type=mod "
                + ":tmi.twitch.tv USERSTATE #chan");
        assertThat(us.moderator()).isTrue();
        assertThat(us.emoteSets()).isEqualTo("0,300374282");
        GlobalUserstate gus = (GlobalUserstate) parser.parse("@badge-info=;badges=;color=#0D4200;display-name=bot;emote-sets=0;user-id=1;user-type= :tmi.twitch.tv GLOBALUSERSTATE");
        assertThat(gus.userId()).isEqualTo("1");
        Whisper w = (Whisper) parser.parse("@badges=;color=;display-name=Pal;emotes=;message-id=6;thread-id=1_2;turbo=0;user-id=2;user-type= "
                + ":pal!pal@pal.tmi.twitch.tv WHISPER bot :psst");
        assertThat(w.fromLogin()).isEqualTo("pal");
        assertThat(w.toLogin()).isEqualTo("bot");
        assertThat(w.text()).isEqualTo("psst");
        assertThat(w.threadId()).isEqualTo("1_2");

        OtherCommand join = (OtherCommand) parser.parse(":u!u@u.tmi.twitch.tv JOIN #chan");
        assertThat(join.command()).isEqualTo("JOIN");
        assertThat(join.channelLogin()).isEqualTo("chan");
        OtherCommand welcome = (OtherCommand) parser.parse(":tmi.twitch.tv 001 justinfan123 :Welcome, GLHF!");
        assertThat(welcome.command()).isEqualTo("001");
        assertThat(welcome.irc().params()).containsExactly("justinfan123", "Welcome, GLHF!");
        assertThat(parser.parse(":tmi.twitch.tv HOSTTARGET #chan :- 0")).isInstanceOf(OtherCommand.class);
        assertThat(parser.parse(":tmi.twitch.tv 421 bot WHO :Unknown command")).isInstanceOf(OtherCommand.class);
        assertThat(((OtherCommand) parser.parse(":tmi.twitch.tv CAP * ACK :twitch.tv/tags twitch.tv/commands")).irc().lastParam())
                .isEqualTo("twitch.tv/tags twitch.tv/commands");
    }

    @Test
    void grammarCornerCases() {
        // lower-case command, extra spaces, middle parameter as text without a colon
        Privmsg p = (Privmsg) parser.parse(":u!u@u   privmsg   #c   word");
        assertThat(p.text()).isEqualTo("word");
        assertThat(p.irc().hasTrailing()).isFalse();
        // trailing may be empty
        Privmsg empty = (Privmsg) parser.parse(":u!u@u PRIVMSG #c :");
        assertThat(empty.text()).isEmpty();
        // trailing keeps its spaces and colons
        Privmsg colons = (Privmsg) parser.parse(":u!u@u PRIVMSG #c :a :b  c ");
        assertThat(colons.text()).isEqualTo("a :b  c ");
        // an empty tag section
        assertThat(parser.parse("@ PING")).isInstanceOf(Ping.class);
    }

    @Test
    void badLinesBecomeUnparsedWithTheirRawLine() {
        assertUnparsed("", UnparsedReason.EMPTY);
        assertUnparsed("\r\n", UnparsedReason.EMPTY);
        assertUnparsed("@badge-info=;badges=broadcaster/1;color=", UnparsedReason.TRUNCATED);
        assertUnparsed(":tmi.twitch.tv", UnparsedReason.TRUNCATED);
        assertUnparsed("@a=b ", UnparsedReason.TRUNCATED);
        assertUnparsed("!!! garbage ###", UnparsedReason.INVALID_COMMAND);
        assertUnparsed(":u!u@u PR1VMSG #c :x", UnparsedReason.INVALID_COMMAND);
        assertUnparsed("hello there, plain text", UnparsedReason.UNKNOWN_COMMAND);
        assertUnparsed("@id=1 :u!u@u SHOUT #c :x", UnparsedReason.UNKNOWN_COMMAND);
        assertUnparsed(":u!u@u PRIVMSG #c", UnparsedReason.MISSING_PARAMS);
        assertUnparsed(":u!u@u PRIVMSG nochannel :x", UnparsedReason.MISSING_PARAMS);
        assertUnparsed(":tmi.twitch.tv CLEARCHAT", UnparsedReason.MISSING_PARAMS);
        assertUnparsed(":tmi.twitch.tv USERNOTICE :x", UnparsedReason.MISSING_PARAMS);
        assertUnparsed(":tmi.twitch.tv ROOMSTATE", UnparsedReason.MISSING_PARAMS);
        assertUnparsed(":u!u@u PRIVMSG #c :a\u0000b", UnparsedReason.CONTROL_CHARACTER);
        assertUnparsed(":u!u@u PRIVMSG #c :line\nbreak", UnparsedReason.CONTROL_CHARACTER);
    }

    @Test
    void missingParamsKeepsTheChannelWhenNamed() {
        Unparsed u = (Unparsed) parser.parse("@id=1 :u!u@u PRIVMSG #chan");
        assertThat(u.channelLogin()).isEqualTo("chan");
    }

    @Test
    void overLongLinesAreKeptRawWithTheirChannel() {
        String line = "@id=1 :u!u@u PRIVMSG #chan :" + "x".repeat(IrcLineParser.MAX_LINE_BYTES);
        Unparsed u = (Unparsed) parser.parse(line);
        assertThat(u.reason()).isEqualTo(UnparsedReason.TOO_LONG);
        assertThat(u.raw()).isEqualTo(line);
        assertThat(u.channelLogin()).isEqualTo("chan");
        // measured in UTF-8 bytes: 3000 × 3 bytes is over the limit though only 3000 chars
        Unparsed wide = (Unparsed) parser.parse(":u!u@u PRIVMSG #chan :" + "\u20AC".repeat(3000));
        assertThat(wide.reason()).isEqualTo(UnparsedReason.TOO_LONG);
        // exactly at the limit is fine
        String prefix = ":u!u@u PRIVMSG #chan :";
        assertThat(parser.parse(prefix + "y".repeat(IrcLineParser.MAX_LINE_BYTES - prefix.length())))
                .isInstanceOf(Privmsg.class);
    }

    @Test
    void invalidUtf8IsKeptByteForByte() {
        byte[] head = "@id=1 :u!u@u PRIVMSG #chan :caf".getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[head.length + 3];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xE9; // Latin-1 é: not UTF-8
        bytes[head.length + 1] = '\r';
        bytes[head.length + 2] = '\n';
        Unparsed u = (Unparsed) parser.parse(bytes, 0, bytes.length);
        assertThat(u.reason()).isEqualTo(UnparsedReason.INVALID_UTF8);
        assertThat(u.channelLogin()).isEqualTo("chan");
        assertThat(u.rawBytes()).containsExactly(java.util.Arrays.copyOf(bytes, head.length + 1));
        assertThat(u.raw()).endsWith("caf\uFFFD");

        for (byte[] bad : List.of(new byte[] {(byte) 0xC0, (byte) 0x80}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82})) {
            assertThat(parser.parse(bad, 0, bad.length)).isInstanceOfSatisfying(Unparsed.class,
                    x -> assertThat(x.reason()).isEqualTo(UnparsedReason.INVALID_UTF8));
        }
        byte[] good = ":u!u@u PRIVMSG #c :\u00E9\uD83D\uDE00".getBytes(StandardCharsets.UTF_8);
        assertThat(parser.parse(good, 0, good.length)).isInstanceOf(Privmsg.class);
    }

    @Test
    void nullAndBadRangesNeverThrow() {
        assertThat(parser.parse((String) null)).isInstanceOf(Unparsed.class);
        assertThat(parser.parse(null, 0, 0)).isInstanceOf(Unparsed.class);
        assertThat(parser.parse(new byte[3], 2, 5)).isInstanceOf(Unparsed.class);
    }

    private void assertUnparsed(String line, UnparsedReason reason) {
        ChatLine parsed = parser.parse(line);
        assertThat(parsed).as(line).isInstanceOf(Unparsed.class);
        Unparsed u = (Unparsed) parsed;
        assertThat(u.reason()).as(line).isEqualTo(reason);
        assertThat(u.raw()).isEqualTo(line.replaceAll("[\r\n]+$", ""));
        assertThat(u.detail()).isNotBlank();
    }
}
