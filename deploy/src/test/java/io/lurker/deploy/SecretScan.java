package io.lurker.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Looks for known secrets (client secrets, Twitch access and refresh tokens, Lurker API JWTs and
 * their signatures alone, integrity tokens, keys) in files and texts. A finding names the kind of
 * secret, where it was and a masked form (its first four characters and its length): the secret
 * itself never reaches the test's output.
 */
final class SecretScan {

    /** Shorter values would match by chance (and no real secret is this short). */
    static final int MIN_LENGTH = 12;

    record Finding(String kind, String where, int line, String masked) {
        @Override
        public String toString() {
            return kind + " " + masked + " in " + where + (line > 0 ? ":" + line : "");
        }
    }

    private final Map<String, String> secrets = new LinkedHashMap<>();

    /** Adds one secret; blank or too short values are refused (a test that gathers nothing must notice). */
    SecretScan add(String kind, String value) {
        if (value == null || value.strip().length() < MIN_LENGTH) {
            throw new IllegalArgumentException(kind + " is missing or shorter than " + MIN_LENGTH + " characters");
        }
        secrets.putIfAbsent(value.strip(), kind);
        return this;
    }

    /** A JWT, and its signature (the third part) alone: a log line may hold a token cut at a dot. */
    SecretScan addJwt(String kind, String jwt) {
        String token = jwt.strip();
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException(kind + " is not a JWT (header.payload.signature)");
        }
        add(kind, token);
        add(kind + " signature", parts[2]);
        return this;
    }

    int size() {
        return secrets.size();
    }

    /** Counts per kind, for the test's output. */
    Map<String, Integer> kinds() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        secrets.values().forEach(kind -> counts.merge(kind, 1, Integer::sum));
        return counts;
    }

    /** Every file under each root (files or folders) that {@code include} accepts. */
    List<Finding> scanFiles(Predicate<Path> include, Path... roots) throws IOException {
        List<Finding> findings = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(root)) {
                files = walk.filter(Files::isRegularFile).filter(include).sorted().toList();
            }
            for (Path file : files) {
                findings.addAll(scanFile(file));
            }
        }
        return findings;
    }

    List<Finding> scanFile(Path file) throws IOException {
        List<Finding> findings = new ArrayList<>();
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                findings.addAll(scanText(line, file.toString(), number));
            }
        }
        return findings;
    }

    List<Finding> scanText(String text, String where, int line) {
        List<Finding> findings = new ArrayList<>();
        if (text == null) {
            return findings;
        }
        secrets.forEach((secret, kind) -> {
            if (text.contains(secret)) {
                findings.add(new Finding(kind, where, line, mask(secret)));
            }
        });
        return findings;
    }

    static String mask(String secret) {
        return secret.substring(0, 4) + "…(" + secret.length() + " chars)";
    }
}
