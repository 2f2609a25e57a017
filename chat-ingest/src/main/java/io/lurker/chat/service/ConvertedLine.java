package io.lurker.chat.service;

import io.lurker.chat.irc.ChatLine;
import io.lurker.contracts.chat.ChatEvent;
import io.lurker.contracts.chat.ChatMessage;

/**
 * A parsed line and the record it became: {@code message} for {@link Disposition#MESSAGE},
 * {@code event} for EVENT and UNPARSED, neither for IGNORED. {@code line} is the typed view the
 * connection layer reacts to (PING, RECONNECT, ROOMSTATE, NOTICE).
 */
public record ConvertedLine(ChatLine line, Disposition disposition, ChatMessage message, ChatEvent event) {
}
