package io.lurker.bench.tokenpool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} command-line options with defaults. */
final class BenchOptions {

    private final Map<String, String> values = new LinkedHashMap<>();

    BenchOptions(String[] args, Map<String, String> defaults) {
        values.putAll(defaults);
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Options read --name value; got '" + args[i] + "'");
            }
            values.put(args[i].substring(2), args[++i]);
        }
    }

    String get(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Missing option --" + name);
        }
        return value;
    }

    int integer(String name) {
        return Integer.parseInt(get(name));
    }

    boolean has(String name) {
        return values.containsKey(name) && !values.get(name).isEmpty();
    }

    /** Back to {@code --name value} arguments, for a child process. */
    List<String> asArgs() {
        List<String> args = new ArrayList<>();
        values.forEach((k, v) -> {
            args.add("--" + k);
            args.add(v);
        });
        return args;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
