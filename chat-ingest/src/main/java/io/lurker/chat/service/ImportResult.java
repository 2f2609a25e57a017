package io.lurker.chat.service;

/**
 * What an import did.
 *
 * @param accepted lines read (blank lines are not counted)
 * @param messages lines published as chat messages
 * @param events   lines published as chat events
 * @param unparsed lines kept raw as UNPARSED events
 * @param ignored  well-formed lines that are not chat content (PING, JOIN, USERSTATE, WHISPER…), not published
 */
public record ImportResult(int accepted, int messages, int events, int unparsed, int ignored) {
}
