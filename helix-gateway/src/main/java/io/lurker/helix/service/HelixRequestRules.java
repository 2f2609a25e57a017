package io.lurker.helix.service;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Requests Twitch would reject, answered locally without spending a rate-limit point: page
 * sizes over the endpoint's maximum, more than 100 values of a list parameter, {@code after}
 * with {@code before}, malformed paths.
 */
public final class HelixRequestRules {

    private static final Pattern PATH = Pattern.compile("[a-z0-9_]+(/[a-z0-9_]+){0,3}");
    private static final Set<String> LIST_PARAMETERS = Set.of("id", "login", "user_id", "user_login", "game_id",
            "broadcaster_id", "name", "igdb_id", "language");
    private static final Map<String, Integer> MAX_FIRST = Map.of("schedule", 25);

    private HelixRequestRules() {
    }

    /** The query as decoded (key, value) pairs in their order. */
    public static List<Map.Entry<String, String>> parse(String rawQuery) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.add(Map.entry(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** Why Twitch would answer 400, or empty when the request may go upstream. */
    public static Optional<String> rejection(String path, List<Map.Entry<String, String>> query) {
        if (!PATH.matcher(path).matches()) {
            return Optional.of("The path \"" + (path.length() > 60 ? path.substring(0, 60) : path) + "\" is not a Helix endpoint");
        }
        Map<String, Integer> counts = new TreeMap<>();
        query.forEach(e -> counts.merge(e.getKey(), 1, Integer::sum));
        for (Map.Entry<String, Integer> count : counts.entrySet()) {
            if (LIST_PARAMETERS.contains(count.getKey()) && count.getValue() > 100) {
                return Optional.of("The parameter \"" + count.getKey() + "\" was malformed: it may be given at most 100 times");
            }
            if (!LIST_PARAMETERS.contains(count.getKey()) && count.getValue() > 1) {
                return Optional.of("The parameter \"" + count.getKey() + "\" was given more than once");
            }
        }
        if (counts.containsKey("after") && counts.containsKey("before")) {
            return Optional.of("The parameters \"after\" and \"before\" are mutually exclusive");
        }
        int max = MAX_FIRST.getOrDefault(path.split("/")[0], 100);
        for (Map.Entry<String, String> e : query) {
            if (e.getKey().equals("first")) {
                int first;
                try {
                    first = Integer.parseInt(e.getValue());
                } catch (NumberFormatException ex) {
                    return Optional.of("The parameter \"first\" was malformed: the value must be a number");
                }
                if (first < 1 || first > max) {
                    return Optional.of("The parameter \"first\" was malformed: the value must be between 1 and " + max);
                }
            }
        }
        return Optional.empty();
    }

    /** A key equal for requests that are the same (parameter order aside). */
    public static String canonical(String path, List<Map.Entry<String, String>> query) {
        List<String> parts = new ArrayList<>();
        query.forEach(e -> parts.add(e.getKey() + "=" + e.getValue()));
        parts.sort(null);
        return path + "?" + String.join("&", parts);
    }
}
