package io.lurker.chat.service;

import io.lurker.chat.emote.EmoteLookup;
import io.lurker.chat.irc.ChatLine;
import io.lurker.chat.irc.Clearchat;
import io.lurker.chat.irc.Clearmsg;
import io.lurker.chat.irc.IrcLineParser;
import io.lurker.chat.irc.Notice;
import io.lurker.chat.irc.ParsedLine;
import io.lurker.chat.irc.Privmsg;
import io.lurker.chat.irc.Roomstate;
import io.lurker.chat.irc.Unparsed;
import io.lurker.chat.irc.Usernotice;
import io.lurker.chat.messaging.BatchAssembler;
import io.lurker.chat.messaging.ChatPublishing;
import io.lurker.contracts.chat.ChatSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * The one way into chat-ingest: raw line → {@link IrcLineParser} → typed view → contracts
 * record with emote occurrences → per-channel batch → confirmed publish (or spool). The IRC
 * connections (source LIVE) and the import API (source IMPORT) both call {@link #accept}.
 *
 * <p>{@code accept} parses and converts on the caller's thread, then blocks only while the
 * bounded buffer is full (backpressure: a connection should stop reading its socket meanwhile).
 * It returns the typed view so the connection layer can answer PING, reconnect on RECONNECT,
 * count a JOIN as confirmed on ROOMSTATE and stop on a login-failure NOTICE without parsing
 * the line twice; those connection-level lines are not published.
 */
@ApplicationScoped
public class ChatPipeline {

    private final IrcLineParser parser = new IrcLineParser();
    private final ChatRecordMapper mapper = new ChatRecordMapper();
    private final EmoteLookup emotes;
    private final BatchAssembler assembler;
    private final ChatMetrics metrics;

    public ChatPipeline(EmoteLookup emotes, ChatPublishing publishing) {
        this.emotes = emotes;
        this.assembler = publishing.assembler();
        this.metrics = publishing.metrics();
    }

    /**
     * Accepts one raw line (without or with its CR/LF).
     *
     * @param receivedAt   when it was read (or, for imports, when the log says it was)
     * @param source       LIVE from IRC, IMPORT from the import API
     * @param channelHint  the channel the line arrived on, if the caller knows; used only for
     *                     unparsed lines that name no channel themselves; may be null
     * @throws InterruptedException when interrupted while waiting for buffer room; the line was then not accepted
     */
    public ConvertedLine accept(String rawLine, Instant receivedAt, ChatSource source, String channelHint)
            throws InterruptedException {
        return enqueue(convert(parser.parse(rawLine), receivedAt, source, channelHint));
    }

    /** As {@link #accept(String, Instant, ChatSource, String)} for the bytes as read; invalid UTF-8 is kept exactly. */
    public ConvertedLine accept(byte[] line, int offset, int length, Instant receivedAt, ChatSource source,
            String channelHint) throws InterruptedException {
        return enqueue(convert(parser.parse(line, offset, length), receivedAt, source, channelHint));
    }

    /** Parses and converts without publishing (the parse API). */
    public ConvertedLine convert(String rawLine, Instant receivedAt, ChatSource source, String channelHint) {
        return convert(parser.parse(rawLine), receivedAt, source, channelHint);
    }

    public ConvertedLine convert(byte[] line, int offset, int length, Instant receivedAt, ChatSource source,
            String channelHint) {
        return convert(parser.parse(line, offset, length), receivedAt, source, channelHint);
    }

    ConvertedLine convert(ChatLine line, Instant receivedAt, ChatSource source, String channelHint) {
        if (line instanceof Privmsg p) {
            return new ConvertedLine(line, Disposition.MESSAGE,
                    mapper.toMessage(p, receivedAt, source, emotes.index(p.roomId())), null);
        }
        if (line instanceof Usernotice u) {
            return new ConvertedLine(line, Disposition.EVENT, null, mapper.toEvent(u, receivedAt, source));
        }
        if (line instanceof Clearchat c) {
            return new ConvertedLine(line, Disposition.EVENT, null, mapper.toEvent(c, receivedAt, source));
        }
        if (line instanceof Clearmsg c) {
            return new ConvertedLine(line, Disposition.EVENT, null, mapper.toEvent(c, receivedAt, source));
        }
        if (line instanceof Roomstate r) {
            return new ConvertedLine(line, Disposition.EVENT, null, mapper.toEvent(r, receivedAt, source));
        }
        if (line instanceof Notice n && n.channelLogin() != null) {
            return new ConvertedLine(line, Disposition.EVENT, null, mapper.toEvent(n, receivedAt, source));
        }
        if (line instanceof Unparsed u) {
            String channel = u.channelLogin() != null ? u.channelLogin() : normalise(channelHint);
            return new ConvertedLine(line, Disposition.UNPARSED, null, mapper.toEvent(u, channel, receivedAt, source));
        }
        return new ConvertedLine(line, Disposition.IGNORED, null, null);
    }

    private ConvertedLine enqueue(ConvertedLine converted) throws InterruptedException {
        switch (converted.disposition()) {
            case MESSAGE -> {
                assembler.add(converted.message());
                metrics.message(converted.message().channelLogin());
            }
            case EVENT -> {
                assembler.add(converted.event());
                metrics.event(converted.event().channelLogin(), converted.event().kind());
            }
            case UNPARSED -> {
                assembler.add(converted.event());
                metrics.unparsed(((Unparsed) converted.line()).reason());
            }
            case IGNORED -> metrics.ignored(((ParsedLine) converted.line()).irc().command());
        }
        return converted;
    }

    private static String normalise(String channelHint) {
        if (channelHint == null) {
            return null;
        }
        String login = channelHint.startsWith("#") ? channelHint.substring(1) : channelHint;
        login = login.trim().toLowerCase(java.util.Locale.ROOT);
        return login.isEmpty() ? null : login;
    }
}
