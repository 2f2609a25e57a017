package io.lurker.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service module reads from its environment, found in its code and config the way
 * SmallRye Config maps environment variables: {@code ${VAR}} references in
 * {@code application.properties}, property names (without profile) turned into variable names,
 * {@code @ConfigMapping} prefixes with their methods (its own and the shared token-pool's), and the
 * variables its README (or token-pool's) documents.
 */
final class ServiceConfig {

    /** DESIGN.md's contract: every service takes each Twitch base URL from these keys. */
    static final List<String> TWITCH_KEYS = List.of("id-url", "helix-url", "gql-url", "web-url", "irc-host", "irc-port",
            "irc-tls", "bttv-url", "ffz-url", "seventv-url");

    /** {@code ${NAME}} or {@code ${some-property:default}}: resolved from the environment too. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_.-]*)[:}]");
    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern METHOD = Pattern.compile("^\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*[\\w<>?,. \\[\\]]+\\s+(\\w+)\\(\\)\\s*;",
            Pattern.MULTILINE);
    private static final Pattern README_VARIABLE = Pattern.compile("\\b([A-Z][A-Z0-9]*(?:_[A-Z0-9<>]+)+)\\b");

    final String module;
    final Properties properties = new Properties();
    final Set<String> variables = new HashSet<>();
    private final Set<String> prefixes = new HashSet<>();
    private final Set<String> suffixes = new HashSet<>();
    private final Set<String> mapSuffixes = new HashSet<>();
    private static final Pattern MAP_METHOD = Pattern.compile("Map<[^>]*>\\s+(\\w+)\\(\\)\\s*;");

    ServiceConfig(Path repo, String module) {
        this.module = module;
        Path props = repo.resolve(module).resolve("src/main/resources/application.properties");
        try {
            if (Files.exists(props)) {
                String text = Files.readString(props);
                properties.load(new java.io.StringReader(text));
                Matcher m = REFERENCE.matcher(text);
                while (m.find()) {
                    variables.add(envName(m.group(1)));
                }
                for (String key : properties.stringPropertyNames()) {
                    variables.add(envName(key.replaceFirst("^%[\\w-]+\\.", "")));
                }
            }
            for (String source : List.of(module, "token-pool")) {
                Path java = repo.resolve(source).resolve("src/main/java");
                if (Files.isDirectory(java)) {
                    try (Stream<Path> files = Files.walk(java)) {
                        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                            String text = Files.readString(f);
                            Matcher ref = REFERENCE.matcher(text);
                            while (ref.find()) {
                                variables.add(envName(ref.group(1)));
                            }
                            Matcher pm = MAPPING.matcher(text);
                            boolean mapping = false;
                            while (pm.find()) {
                                prefixes.add(envName(pm.group(1)) + "_");
                                mapping = true;
                            }
                            if (mapping || text.contains("@ConfigGroup") || text.contains("interface")) {
                                Matcher mm = METHOD.matcher(text);
                                while (mm.find()) {
                                    suffixes.add(envName(kebab(mm.group(1))));
                                }
                                Matcher map = MAP_METHOD.matcher(text);
                                while (map.find()) {
                                    mapSuffixes.add(envName(kebab(map.group(1))));
                                }
                            }
                        }
                    }
                }
                Path readme = repo.resolve(source).resolve("README.md");
                if (Files.exists(readme)) {
                    Matcher rm = README_VARIABLE.matcher(Files.readString(readme));
                    while (rm.find()) {
                        variables.add(rm.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port the service listens on ({@code quarkus.http.port}). */
    int httpPort() {
        return Integer.parseInt(properties.getProperty("quarkus.http.port"));
    }

    /** Whether the module has more than the skeleton's configuration (it verifies Lurker tokens). */
    boolean configured() {
        return properties.stringPropertyNames().stream().anyMatch(k -> k.contains("mp.jwt"));
    }

    /** Whether the service reads this environment variable (see the class comment). */
    boolean reads(String variable) {
        if (variables.contains(variable)) {
            return true;
        }
        // a map entry of a documented variable, e.g. LURKER_TOKEN_POOL_ENCRYPTION_KEYS_<ID>
        for (String documented : variables) {
            int open = documented.indexOf('<');
            if (open > 0 && variable.startsWith(documented.substring(0, open)) && variable.length() > open) {
                return true;
            }
        }
        if (TWITCH_KEYS.stream().anyMatch(k -> envName("lurker.twitch." + k).equals(variable))) {
            return true;
        }
        // a @ConfigMapping property, or an entry of one of its maps (the key is the last segment)
        String mapOwner = variable.contains("_") ? variable.substring(0, variable.lastIndexOf('_')) : variable;
        for (String prefix : prefixes) {
            if (variable.startsWith(prefix) && suffixes.stream().anyMatch(s -> variable.substring(prefix.length()).endsWith(s))) {
                return true;
            }
            if (mapOwner.startsWith(prefix) && mapSuffixes.stream().anyMatch(s -> mapOwner.substring(prefix.length()).endsWith(s))) {
                return true;
            }
        }
        return false;
    }

    /** SmallRye Config's environment name of a property: upper case, anything not alphanumeric becomes '_'. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
