package io.lurker.chat.irc;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code badges} / {@code badge-info} tag form: {@code set/version,set/version}. */
final class Badges {

    private Badges() {
    }

    static Map<String, String> parse(String value) {
        if (value == null || value.isEmpty()) {
            return Map.of();
        }
        Map<String, String> badges = new LinkedHashMap<>(8);
        int from = 0;
        int n = value.length();
        while (from <= n) {
            int comma = value.indexOf(',', from);
            int end = comma < 0 ? n : comma;
            if (end > from) {
                int slash = value.indexOf('/', from);
                if (slash < 0 || slash >= end) {
                    badges.put(value.substring(from, end), "");
                } else if (slash > from) {
                    badges.put(value.substring(from, slash), value.substring(slash + 1, end));
                }
            }
            if (comma < 0) {
                break;
            }
            from = comma + 1;
        }
        return badges;
    }
}
