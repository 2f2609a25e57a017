package io.lurker.contracts.chat;

/** The message a reply answers ({@code reply-parent-*} tags). */
public record ReplyParent(String messageId, String userId, String userLogin, String displayName, String body) {
}
