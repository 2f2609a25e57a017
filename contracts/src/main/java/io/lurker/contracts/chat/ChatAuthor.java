package io.lurker.contracts.chat;

import java.util.Map;

/**
 * Who wrote a message, as the message's tags describe them at that moment.
 *
 * @param badges     badge set → version, e.g. {@code subscriber → 12, moderator → 1}
 * @param badgeInfo  badge set → exact value, e.g. {@code subscriber → 22} (months subscribed)
 */
public record ChatAuthor(
        String userId,
        String login,
        String displayName,
        String color,
        Map<String, String> badges,
        Map<String, String> badgeInfo,
        boolean subscriber,
        boolean moderator,
        boolean vip,
        boolean turbo,
        String userType) {
}
