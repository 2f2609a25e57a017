package io.lurker.contracts.chat;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The IRC command a chat event came from; {@code UNPARSED} keeps a line the parser could not read. */
public enum ChatEventKind {
    @JsonProperty("usernotice") USERNOTICE,
    @JsonProperty("clearchat") CLEARCHAT,
    @JsonProperty("clearmsg") CLEARMSG,
    @JsonProperty("roomstate") ROOMSTATE,
    @JsonProperty("notice") NOTICE,
    @JsonProperty("unparsed") UNPARSED
}
