package io.lurker.emulator.gql;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The persisted-query hashes {@code /gql} accepts and the script bundle that carries them.
 * Each operation's hash is derived from its name and a generation; rotating bumps the
 * generation, so the old hash answers {@code PersistedQueryNotFound} and the bundle's content
 * and asset URL change with it, as when Twitch deploys a new web client.
 */
@ApplicationScoped
public class PersistedQueries {

    public static final String VIDEO_COMMENTS = "VideoCommentsByOffsetOrCursor";
    public static final String VIDEO_METADATA = "VideoMetadata";
    public static final String VIDEO_CHAPTERS = "VideoPlayer_ChapterSelectButtonVideo";
    public static final String CLIPS_USER = "ClipsCards__User";
    public static final String CLIPS_GAME = "ClipsCards__Game";
    public static final String STREAM_METADATA = "StreamMetadata";

    public static final List<String> OPERATIONS = List.of(VIDEO_COMMENTS, VIDEO_METADATA, VIDEO_CHAPTERS, CLIPS_USER,
            CLIPS_GAME, STREAM_METADATA);

    private static final String BUNDLE_MARKER = "/*__PERSISTED_QUERIES__*/";

    private final Map<String, Integer> generations = new ConcurrentHashMap<>();
    private final AtomicInteger transientNotFound = new AtomicInteger();
    private final String mainTemplate;
    private final String vendorAsset;
    private final String vendorAssetName;
    private volatile Bundle bundle;

    public PersistedQueries() {
        this.mainTemplate = resource("gql-web/main.js");
        this.vendorAsset = resource("gql-web/vendor.js");
        this.vendorAssetName = "vendor-" + sha256(vendorAsset).substring(0, 20) + ".js";
        OPERATIONS.forEach(op -> generations.put(op, 0));
        rebuild();
    }

    /** The operation's current hash. */
    public String hash(String operation) {
        return hash(operation, generations.getOrDefault(operation, 0));
    }

    public boolean known(String operation) {
        return generations.containsKey(operation);
    }

    /** Whether {@code hash} is the current hash of {@code operation}. */
    public boolean accepts(String operation, String hash) {
        return operation != null && known(operation) && hash(operation).equals(hash);
    }

    /** Rotates one operation's hash, or every operation's when {@code operation} is null. */
    public synchronized Map<String, String> rotate(String operation) {
        if (operation != null && !known(operation)) {
            throw new IllegalArgumentException("unknown operation '" + operation + "'; known: " + OPERATIONS);
        }
        for (String op : OPERATIONS) {
            if (operation == null || op.equals(operation)) {
                generations.merge(op, 1, Integer::sum);
            }
        }
        rebuild();
        return current();
    }

    public Map<String, String> current() {
        Map<String, String> hashes = new LinkedHashMap<>();
        OPERATIONS.forEach(op -> hashes.put(op, hash(op)));
        return hashes;
    }

    public int generation(String operation) {
        return generations.getOrDefault(operation, 0);
    }

    /** The next {@code count} calls answer PersistedQueryNotFound whatever their hash (Twitch does so now and then). */
    public void failNext(int count) {
        transientNotFound.set(Math.max(0, count));
    }

    /** Takes one pending transient failure, if any. */
    public boolean takeTransientFailure() {
        return transientNotFound.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    public Bundle bundle() {
        return bundle;
    }

    public String vendorAssetName() {
        return vendorAssetName;
    }

    public String vendorAsset() {
        return vendorAsset;
    }

    /** The main script of the channel page: its asset name changes whenever its content (the hashes) does. */
    public record Bundle(String assetName, String content) {
    }

    private void rebuild() {
        StringBuilder entries = new StringBuilder();
        for (String op : OPERATIONS) {
            // the shape Twitch's compiled client uses: the operation name, then its persisted-query extension
            entries.append("  {kind:\"Document\",operationName:\"").append(op)
                    .append("\",extensions:{persistedQuery:{version:1,\"sha256Hash\":\"").append(hash(op)).append("\"}}},\n");
        }
        String content = mainTemplate.replace(BUNDLE_MARKER, entries.toString());
        bundle = new Bundle("main-" + sha256(content).substring(0, 20) + ".js", content);
    }

    private static String hash(String operation, int generation) {
        return sha256("lurker-emulator-persisted-query|" + operation + "|" + generation);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = PersistedQueries.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }
}
