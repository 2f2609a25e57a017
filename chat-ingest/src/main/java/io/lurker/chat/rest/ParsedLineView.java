package io.lurker.chat.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lurker.chat.irc.IrcLine;
import io.lurker.chat.irc.ParsedLine;
import io.lurker.chat.irc.Unparsed;
import io.lurker.chat.service.ConvertedLine;
import io.lurker.contracts.chat.ChatEvent;
import io.lurker.contracts.chat.ChatMessage;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One line of a parse answer.
 *
 * @param index       position among the request's non-blank lines, from 0
 * @param disposition message, event, unparsed or ignored
 * @param kind        the typed view: privmsg, usernotice, ping, …, unparsed
 * @param reason      why the line could not be parsed (unparsed only)
 * @param irc         the grammar-level split (absent when unparsed)
 * @param message     the chat message it becomes (privmsg)
 * @param event       the chat event it becomes (usernotice, clearchat, clearmsg, roomstate, notice, unparsed)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParsedLineView(int index, String disposition, String kind, String reason, Irc irc,
        ChatMessage message, ChatEvent event) {

    /** The IRCv3 parts of a line, tags unescaped. */
    public record Irc(Map<String, String> tags, String source, String command, List<String> params) {
    }

    static ParsedLineView of(int index, ConvertedLine converted) {
        Irc irc = null;
        String reason = null;
        if (converted.line() instanceof ParsedLine parsed) {
            IrcLine line = parsed.irc();
            irc = new Irc(line.tags(), line.source(), line.command(), line.params());
        } else if (converted.line() instanceof Unparsed unparsed) {
            reason = unparsed.reason().slug();
        }
        return new ParsedLineView(index, converted.disposition().name().toLowerCase(Locale.ROOT),
                converted.line().kind().name().toLowerCase(Locale.ROOT), reason, irc, converted.message(),
                converted.event());
    }
}
