package io.lurker.bench.chat;

import com.github.twitch4j.chat.events.channel.IRCMessageEvent;
import io.lurker.chat.emote.Emote;
import io.lurker.chat.emote.EmoteIndex;
import io.lurker.chat.emote.EmoteScope;
import io.lurker.chat.emote.EmoteSet;
import io.lurker.chat.irc.ChatLine;
import io.lurker.chat.irc.IrcLineParser;
import io.lurker.chat.irc.ParsedLine;
import io.lurker.chat.irc.Privmsg;
import io.lurker.chat.irc.Unparsed;
import io.lurker.chat.service.ChatRecordMapper;
import io.lurker.contracts.chat.ChatSource;
import io.lurker.contracts.chat.EmoteProvider;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Lines per second: Lurker's {@link IrcLineParser} against twitch4j's {@link IRCMessageEvent}
 * on the same corpus in the same run. The corpus is the twitch-emulator's own chat
 * ({@link EmulatorChatCorpus}, {@code corpus=emulator}, world {@code small}); {@code -p corpus=bench}
 * uses the bench's older synthetic mix ({@link ChatCorpus}). Both read the same fields a chat logger needs (command,
 * channel, sender login, text, message id, display name, badges); {@code lurkerToRecords}
 * additionally builds the full contracts record with emote matching, as the pipeline does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ChatParseBenchmark {

    @Param("20000")
    int corpusSize;

    @Param("42")
    long seed;

    /** {@code emulator}: lines from the twitch-emulator's generator; {@code bench}: {@link ChatCorpus}. */
    @Param("emulator")
    String corpus;

    /** World size of the emulator corpus (tiny, small, default, large). */
    @Param("small")
    String worldSize;

    private String[] lines;
    private int next;
    private final IrcLineParser parser = new IrcLineParser();
    private final ChatRecordMapper mapper = new ChatRecordMapper();
    private final Map<String, String> channelIdToName = Map.of();
    private final Map<String, String> channelNameToId = Map.of();
    private final List<String> botOwners = List.of();
    private EmoteIndex emotes;
    private final Instant now = Instant.parse("2024-05-01T12:00:00Z");

    @Setup
    public void setUp() {
        lines = ("bench".equals(corpus) ? ChatCorpus.generate(seed, corpusSize)
                : EmulatorChatCorpus.generate(seed, worldSize, corpusSize)).toArray(String[]::new);
        emotes = EmoteIndex.of(List.of(
                new EmoteSet(EmoteScope.global(EmoteProvider.SEVENTV), List.of(
                        new Emote(EmoteProvider.SEVENTV, "7a", "catJAM", null), new Emote(EmoteProvider.SEVENTV, "7b", "KEKW", null))),
                new EmoteSet(EmoteScope.global(EmoteProvider.BTTV), List.of(
                        new Emote(EmoteProvider.BTTV, "b1", "monkaS", null), new Emote(EmoteProvider.BTTV, "b2", "OMEGALUL", null))),
                new EmoteSet(EmoteScope.global(EmoteProvider.FFZ), List.of(
                        new Emote(EmoteProvider.FFZ, "f1", "Sadge", null), new Emote(EmoteProvider.FFZ, "f2", "PepeLaugh", null)))));
        verifyBothParsersAgree();
    }

    private String nextLine() {
        String line = lines[next];
        next = next + 1 == lines.length ? 0 : next + 1;
        return line;
    }

    @Benchmark
    public void lurker(Blackhole bh) {
        ChatLine line = parser.parse(nextLine());
        bh.consume(line.kind());
        bh.consume(line.channelLogin());
        if (line instanceof ParsedLine parsed) {
            bh.consume(parsed.irc().nick());
            bh.consume(line instanceof Privmsg p ? p.text() : parsed.irc().lastParam());
            bh.consume(parsed.id());
            bh.consume(parsed.displayName());
            bh.consume(parsed.badges());
        }
    }

    @Benchmark
    public void twitch4j(Blackhole bh) {
        IRCMessageEvent event = new IRCMessageEvent(nextLine(), channelIdToName, channelNameToId, botOwners);
        bh.consume(event.getCommandType());
        bh.consume(event.getChannelName());
        bh.consume(event.getUserName());
        bh.consume(event.getMessage());
        bh.consume(event.getMessageId());
        bh.consume(event.getUserDisplayName());
        bh.consume(event.getBadges());
    }

    /** Parse plus the full conversion to a ChatMessage/ChatEvent with emote matching (the pipeline's per-line work). */
    @Benchmark
    public void lurkerToRecords(Blackhole bh) {
        ChatLine line = parser.parse(nextLine());
        if (line instanceof Privmsg p) {
            bh.consume(mapper.toMessage(p, now, ChatSource.LIVE, emotes));
        } else if (line instanceof io.lurker.chat.irc.Usernotice u) {
            bh.consume(mapper.toEvent(u, now, ChatSource.LIVE));
        } else if (line instanceof io.lurker.chat.irc.Clearchat c) {
            bh.consume(mapper.toEvent(c, now, ChatSource.LIVE));
        } else if (line instanceof io.lurker.chat.irc.Clearmsg c) {
            bh.consume(mapper.toEvent(c, now, ChatSource.LIVE));
        } else if (line instanceof io.lurker.chat.irc.Roomstate r) {
            bh.consume(mapper.toEvent(r, now, ChatSource.LIVE));
        } else {
            bh.consume(line);
        }
    }

    /** The comparison only means something if both read the corpus the same way. */
    private void verifyBothParsersAgree() {
        for (String raw : lines) {
            ChatLine ours = parser.parse(raw);
            if (ours instanceof Unparsed u) {
                throw new IllegalStateException("corpus line not parsed (" + u.reason() + "): " + raw);
            }
            IRCMessageEvent theirs = new IRCMessageEvent(raw, channelIdToName, channelNameToId, botOwners);
            // twitch4j reads a source-less "PING :x" as command ":x" (its client answers PING before parsing)
            if (!ours.kind().name().equals(theirs.getCommandType()) && ours.kind() != io.lurker.chat.irc.LineKind.PING) {
                throw new IllegalStateException("command differs: " + raw);
            }
            if (ours instanceof Privmsg p) {
                String theirText = theirs.getMessage().orElse(null);
                // for /me twitch4j's getMessage() keeps the \x01ACTION … \x01 wrapper
                boolean sameText = Objects.equals(p.text(), theirText) || (p.action() && Objects.equals(p.irc().lastParam(), theirText));
                if (!sameText || !Objects.equals(p.channelLogin(), theirs.getChannelName().orElse(null))
                        || !Objects.equals(p.login(), theirs.getUserName())
                        || !Objects.equals(p.id(), theirs.getMessageId().orElse(null))
                        || !Objects.equals(p.badges(), theirs.getBadges())) {
                    throw new IllegalStateException("parsers disagree on: " + raw);
                }
            }
        }
    }
}
