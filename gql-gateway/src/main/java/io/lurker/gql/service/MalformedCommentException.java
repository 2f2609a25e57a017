package io.lurker.gql.service;

/** A VOD comment node that cannot become a chat message without losing or inventing data; the reason says why. */
public class MalformedCommentException extends IllegalArgumentException {

    public MalformedCommentException(String reason) {
        super(reason);
    }
}
