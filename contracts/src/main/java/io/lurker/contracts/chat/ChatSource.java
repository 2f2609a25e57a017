package io.lurker.contracts.chat;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a chat message reached Lurker. */
public enum ChatSource {
    /** Read live from IRC by chat-ingest. */
    @JsonProperty("live") LIVE,
    /** VOD chat replay fetched from GraphQL by gql-gateway. */
    @JsonProperty("replay") REPLAY,
    /** Raw IRC log lines imported through chat-ingest's import API. */
    @JsonProperty("import") IMPORT
}
