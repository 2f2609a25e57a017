package io.lurker.analytics.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lurker.contracts.RoutingKeys;
import io.lurker.contracts.Schema;
import io.lurker.contracts.catalog.CategoryBatch;
import io.lurker.contracts.catalog.CategorySnapshot;
import io.lurker.contracts.catalog.ChannelBatch;
import io.lurker.contracts.catalog.ChannelRecord;
import io.lurker.contracts.catalog.ClipBatch;
import io.lurker.contracts.catalog.ClipRecord;
import io.lurker.contracts.catalog.VodBatch;
import io.lurker.contracts.catalog.VodRecord;
import io.lurker.contracts.chat.ChatMessage;
import io.lurker.contracts.chat.EmoteOccurrence;
import io.lurker.contracts.chat.EmoteProvider;
import io.lurker.contracts.stream.StreamSnapshot;
import io.lurker.contracts.stream.StreamSnapshotBatch;
import io.lurker.emulator.testing.EmulatorAdmin;
import io.lurker.emulator.testing.EmulatorTestResource;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects a seeded emulator world the way the gateways do and publishes what they would publish
 * through the real broker: the emulator's manual clock walks six hours in two-minute polls
 * ({@code P = S − 3 h} … {@code E = S + 3 h}) over the three most watched live channels at
 * {@code S}; every ten minutes of the second half the top games (grouped from all live streams)
 * and the clips of the watched channels; follower totals at P, S − 2 min, S and E − 2 min; the
 * VODs at E. The emulator has no chat yet, so the main channel's chat over [S, E) is generated
 * here from a fixed seed, with one spike. Everything published is also kept here, so the tests
 * compute the expected figures from it independently of the service.
 */
public final class EmulatorSeed {

    public static final Duration POLL = Duration.ofMinutes(2);
    public static final Duration CATEGORY_POLL = Duration.ofMinutes(10);
    public static final int SPIKE_MINUTE = 120;

    /** One poll of a watched channel: live (stream id, viewers, game, title) or offline (stream null). */
    public record Poll(Instant at, String channelId, String streamId, int viewers, String gameId, String gameName,
            String title) {
        public boolean live() {
            return streamId != null;
        }
    }

    public record Watched(String id, String login, String displayName) {
    }

    public final Instant s;
    public final Instant p;
    public final Instant e;
    public final List<Watched> watched = new ArrayList<>();
    public final List<Poll> polls = new ArrayList<>();
    /** Category polls: time → snapshots by rank. */
    public final Map<Instant, List<CategorySnapshot>> categories = new TreeMap<>();
    /** Clip id → its record at the last sample; and its samples (time → views). */
    public final Map<String, ClipRecord> clips = new LinkedHashMap<>();
    public final Map<String, Map<Instant, Long>> clipSamples = new LinkedHashMap<>();
    /** Channel id → (sample time → follower total). */
    public final Map<String, Map<Instant, Long>> followers = new LinkedHashMap<>();
    public final List<VodRecord> vods = new ArrayList<>();
    public final List<ChatMessage> chat = new ArrayList<>();

    private final EmulatorAdmin emulator;
    private final String helixUrl;
    private String token;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    /**
     * A seed whose S is the latest quarter hour at or before {@code latestStart} at which the world
     * has at least three live channels (looking back up to twelve hours: small worlds have quiet hours).
     */
    public EmulatorSeed(String emulatorUrl, String adminKey, Instant latestStart) throws Exception {
        this.emulator = new EmulatorAdmin(emulatorUrl, adminKey);
        this.helixUrl = emulatorUrl + "/helix";
        Instant start = latestStart;
        for (int tries = 0; ; tries++) {
            emulator.setClock("manual", null, start);
            // minted at the emulator's new time: a token from before a jump may have expired there
            token = emulator.appToken(EmulatorTestResource.DEFAULT_CLIENT_ID, EmulatorTestResource.DEFAULT_CLIENT_SECRET);
            if (liveStreams().size() >= 3) {
                break;
            }
            if (tries == 48) {
                throw new IllegalStateException("the emulator world has fewer than three live channels in the 12 h before "
                        + latestStart);
            }
            start = start.minus(Duration.ofMinutes(15));
        }
        this.s = start;
        this.p = s.minus(Duration.ofHours(3));
        this.e = s.plus(Duration.ofHours(3));
    }

    public Watched main() {
        return watched.get(0);
    }

    /** Walks the emulator clock from P to E and publishes everything through the broker. */
    public void publish(Broker broker) throws Exception {
        emulator.setClock("manual", null, s);
        List<JsonNode> liveAtS = liveStreams();
        for (JsonNode stream : liveAtS.subList(0, Math.min(3, liveAtS.size()))) {
            watched.add(new Watched(stream.path("user_id").asText(), stream.path("user_login").asText(),
                    stream.path("user_name").asText()));
        }
        if (watched.size() < 3) {
            throw new IllegalStateException("the emulator world has fewer than three live channels at " + s);
        }
        List<String> ids = watched.stream().map(Watched::id).toList();
        emulator.setClock(null, null, p);
        for (Instant t = p; !t.isAfter(e); t = t.plus(POLL)) {
            if (t.equals(p) || t.equals(s.minus(POLL)) || t.equals(s) || t.equals(e.minus(POLL))) {
                broker.publish(RoutingKeys.CATALOG_CHANNEL, channels(t));
            }
            List<JsonNode> live = liveStreams();
            List<StreamSnapshot> snapshots = new ArrayList<>();
            for (Watched w : watched) {
                JsonNode stream = live.stream().filter(x -> x.path("user_id").asText().equals(w.id())).findFirst().orElse(null);
                if (stream == null) {
                    polls.add(new Poll(t, w.id(), null, 0, null, null, null));
                } else {
                    StreamSnapshot snapshot = new StreamSnapshot(w.id(), w.login(), w.displayName(),
                            stream.path("id").asText(), stream.path("viewer_count").asInt(), stream.path("game_id").asText(),
                            stream.path("game_name").asText(), stream.path("title").asText(),
                            stream.path("language").asText(), Instant.parse(stream.path("started_at").asText()), List.of());
                    snapshots.add(snapshot);
                    polls.add(new Poll(t, w.id(), snapshot.streamId(), snapshot.viewerCount(), snapshot.gameId(),
                            snapshot.gameName(), snapshot.title()));
                }
            }
            broker.publish(RoutingKeys.STREAM_SNAPSHOT, new StreamSnapshotBatch(Schema.CURRENT, "poll-" + t, t,
                    (int) POLL.toSeconds(), ids, snapshots));
            boolean categoryPoll = !t.isBefore(s) && Duration.between(s, t).toSeconds() % CATEGORY_POLL.toSeconds() == 0;
            if (categoryPoll) {
                List<CategorySnapshot> top = categories(live);
                categories.put(t, top);
                broker.publish(RoutingKeys.CATALOG_CATEGORY, new CategoryBatch(Schema.CURRENT, "categories-" + t, t, top));
                List<ClipRecord> sampled = new ArrayList<>();
                for (Watched w : watched) {
                    sampled.addAll(clipsOf(w.id(), s.minus(Duration.ofDays(7)), t));
                }
                for (ClipRecord clip : sampled) {
                    clips.put(clip.id(), clip);
                    clipSamples.computeIfAbsent(clip.id(), k -> new TreeMap<>()).put(t, clip.viewCount());
                }
                broker.publish(RoutingKeys.CATALOG_CLIP, new ClipBatch(Schema.CURRENT, "clips-" + t, t, sampled));
            }
            if (t.isBefore(e)) {
                emulator.advance(POLL);
            }
        }
        for (Watched w : watched) {
            vods.addAll(vodsOf(w.id()));
        }
        broker.publish(RoutingKeys.CATALOG_VOD, new VodBatch(Schema.CURRENT, "vods-" + e, e, vods));
        generateChat();
        for (int from = 0; from < chat.size(); from += 500) {
            List<ChatMessage> part = chat.subList(from, Math.min(chat.size(), from + 500));
            broker.publish(RoutingKeys.chatMessage(main().login()), Fixtures.batch(main().login(), part));
        }
        for (int i = 0; i < watched.size(); i++) {
            Db.execute("INSERT INTO watchlist_entry (kind, id, name, added_at) VALUES ('channel', ?, ?, now())",
                    watched.get(i).id(), watched.get(i).login());
        }
    }

    /** Rows the service must hold once everything published is stored. */
    public long snapshotRows() {
        return polls.size();
    }

    public long categoryRows() {
        return categories.values().stream().mapToLong(List::size).sum();
    }

    private ChannelBatch channels(Instant t) throws Exception {
        JsonNode users = helix("/users?" + String.join("&", watched.stream().map(w -> "id=" + w.id()).toList()));
        List<ChannelRecord> records = new ArrayList<>();
        for (JsonNode u : users.path("data")) {
            String id = u.path("id").asText();
            long total = emulator.followerTotal(id);
            followers.computeIfAbsent(id, k -> new TreeMap<>()).put(t, total);
            records.add(new ChannelRecord(id, u.path("login").asText(), u.path("display_name").asText(),
                    u.path("broadcaster_type").asText(), u.path("description").asText(),
                    u.path("profile_image_url").asText(), Instant.parse(u.path("created_at").asText()), "en", null, null,
                    null, List.of(), total, List.of(), null, t));
        }
        return new ChannelBatch(Schema.CURRENT, "channels-" + t, t, records);
    }

    private static List<CategorySnapshot> categories(List<JsonNode> live) {
        Map<String, long[]> byGame = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (JsonNode stream : live) {
            String game = stream.path("game_id").asText();
            if (game.isEmpty()) {
                continue;
            }
            names.put(game, stream.path("game_name").asText());
            long[] sums = byGame.computeIfAbsent(game, k -> new long[2]);
            sums[0] += stream.path("viewer_count").asLong();
            sums[1]++;
        }
        List<Map.Entry<String, long[]>> ranked = new ArrayList<>(byGame.entrySet());
        ranked.sort(Comparator.<Map.Entry<String, long[]>>comparingLong(x -> -x.getValue()[0]).thenComparing(Map.Entry::getKey));
        List<CategorySnapshot> out = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            var entry = ranked.get(i);
            out.add(new CategorySnapshot(i + 1, entry.getKey(), names.get(entry.getKey()), null, null,
                    entry.getValue()[0], (int) entry.getValue()[1]));
        }
        return out;
    }

    private List<ClipRecord> clipsOf(String broadcasterId, Instant from, Instant to) throws Exception {
        List<ClipRecord> out = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = helix("/clips?broadcaster_id=" + broadcasterId + "&first=100&started_at=" + enc(from.toString())
                    + "&ended_at=" + enc(to.toString()) + (cursor == null ? "" : "&after=" + enc(cursor)));
            for (JsonNode c : page.path("data")) {
                out.add(new ClipRecord(c.path("id").asText(), c.path("url").asText(), c.path("embed_url").asText(),
                        c.path("broadcaster_id").asText(), c.path("broadcaster_name").asText(), c.path("creator_id").asText(),
                        c.path("creator_name").asText(), c.path("video_id").asText(), c.path("game_id").asText(),
                        c.path("language").asText(), c.path("title").asText(), c.path("view_count").asLong(),
                        Instant.parse(c.path("created_at").asText()), c.path("thumbnail_url").asText(),
                        c.path("duration").asDouble(), c.path("vod_offset").isNull() ? null : c.path("vod_offset").asInt(),
                        c.path("is_featured").asBoolean()));
            }
            cursor = page.path("pagination").path("cursor").asText(null);
        } while (cursor != null && !cursor.isEmpty());
        return out;
    }

    private List<VodRecord> vodsOf(String userId) throws Exception {
        List<VodRecord> out = new ArrayList<>();
        for (JsonNode v : helix("/videos?user_id=" + userId + "&first=100").path("data")) {
            List<VodRecord.MutedSegment> muted = new ArrayList<>();
            for (JsonNode m : v.path("muted_segments")) {
                muted.add(new VodRecord.MutedSegment(m.path("offset").asInt(), m.path("duration").asInt()));
            }
            String duration = v.path("duration").asText();
            out.add(new VodRecord(v.path("id").asText(), v.path("stream_id").asText(null), v.path("user_id").asText(),
                    v.path("user_login").asText(), v.path("user_name").asText(), v.path("title").asText(),
                    v.path("description").asText(), Instant.parse(v.path("created_at").asText()),
                    time(v.path("published_at")), v.path("url").asText(), v.path("thumbnail_url").asText(),
                    v.path("viewable").asText(), v.path("view_count").asLong(), v.path("language").asText(),
                    v.path("type").asText(), duration, seconds(duration), muted, List.of()));
        }
        return out;
    }

    /**
     * Chat of the main channel over [S, E): 3 to 6 messages a minute from 40 chatters (fixed seed),
     * and {@link #SPIKE_MINUTE} with 60 messages of "PogChamp PogChamp".
     */
    private void generateChat() {
        Random random = new Random(20261206L);
        String[] texts = {"hello chat", "gg", "nice play", "lol", "PogChamp", "catJAM vibes", "what game is this", "gg wp"};
        Watched w = main();
        for (int minute = 0; minute < 180; minute++) {
            int count = minute == SPIKE_MINUTE ? 60 : 3 + random.nextInt(4);
            for (int k = 0; k < count; k++) {
                Instant at = s.plusSeconds(minute * 60L + (k * 59L) / count);
                String text = minute == SPIKE_MINUTE ? "PogChamp PogChamp" : texts[random.nextInt(texts.length)];
                List<EmoteOccurrence> emotes = new ArrayList<>();
                if (text.contains("PogChamp")) {
                    emotes.add(Fixtures.emote(EmoteProvider.TWITCH, "305954156", "PogChamp",
                            text.split("PogChamp", -1).length - 1));
                }
                if (text.contains("catJAM")) {
                    emotes.add(Fixtures.emote(EmoteProvider.BTTV, "5f1b0186cf6d2144653d2970", "catJAM", 1));
                }
                String user = "9" + String.format("%04d", random.nextInt(40));
                chat.add(Fixtures.message("seed-" + minute + "-" + k, w.id(), w.login(),
                        Fixtures.author(user, false, false, false), text, at, 0, emotes));
            }
        }
    }

    private List<JsonNode> liveStreams() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = helix("/streams?first=100" + (cursor == null ? "" : "&after=" + enc(cursor)));
            page.path("data").forEach(out::add);
            cursor = page.path("pagination").path("cursor").asText(null);
        } while (cursor != null && !cursor.isEmpty());
        out.sort(Comparator.<JsonNode>comparingInt(x -> -x.path("viewer_count").asInt()).thenComparing(x -> x.path("user_id").asText()));
        return out;
    }

    private JsonNode helix(String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(helixUrl + pathAndQuery))
                .header("Client-Id", EmulatorTestResource.DEFAULT_CLIENT_ID).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(20)).build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("emulator answered " + response.statusCode() + " to " + pathAndQuery);
        }
        return json.readTree(response.body());
    }

    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    static long seconds(String duration) {
        Matcher m = DURATION.matcher(duration);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Helix duration: " + duration);
        }
        long total = 0;
        for (int i = 1; i <= 3; i++) {
            if (m.group(i) != null) {
                total += Long.parseLong(m.group(i)) * new long[] {3600, 60, 1}[i - 1];
            }
        }
        return total;
    }

    private static Instant time(JsonNode value) {
        return value.isMissingNode() || value.isNull() || value.asText().isEmpty() ? null : Instant.parse(value.asText());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
