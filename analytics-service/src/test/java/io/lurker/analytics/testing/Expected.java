package io.lurker.analytics.testing;

import io.lurker.contracts.catalog.CategorySnapshot;
import io.lurker.contracts.catalog.ClipRecord;
import io.lurker.contracts.catalog.VodRecord;
import io.lurker.contracts.chat.ChatMessage;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The figures the dashboard must show, computed from what {@link EmulatorSeed} published, by the
 * definitions of the analytics README (each poll counts until the channel's next poll, two minutes
 * here; averages are time-weighted) — not by asking the service.
 */
public final class Expected {

    /** A channel's numbers over [from, to). */
    public record Period(double airtimeSeconds, double viewerSeconds, Integer peak, long streams) {
        public Double average() {
            return airtimeSeconds == 0 ? null : viewerSeconds / airtimeSeconds;
        }

        public double hoursWatched() {
            return viewerSeconds / 3600;
        }
    }

    private final EmulatorSeed seed;

    public Expected(EmulatorSeed seed) {
        this.seed = seed;
    }

    /** Each poll stands for the two minutes until the channel's next poll, clipped to [from, to); peak and streams from the polls inside. */
    public Period period(String channelId, Instant from, Instant to) {
        double air = 0;
        double viewers = 0;
        Integer peak = null;
        Set<String> streams = new HashSet<>();
        for (EmulatorSeed.Poll p : seed.polls) {
            if (!p.channelId().equals(channelId) || !p.live()) {
                continue;
            }
            long start = Math.max(p.at().getEpochSecond(), from.getEpochSecond());
            long end = Math.min(p.at().plus(EmulatorSeed.POLL).getEpochSecond(), to.getEpochSecond());
            if (end > start) {
                air += end - start;
                viewers += p.viewers() * (double) (end - start);
            }
            if (!p.at().isBefore(from) && p.at().isBefore(to)) {
                peak = peak == null ? p.viewers() : Math.max(peak, p.viewers());
                streams.add(p.streamId());
            }
        }
        return new Period(air, viewers, peak, streams.size());
    }

    /** Live polls of the window whose stream, game or title differ from the channel's previous live poll. */
    public List<EmulatorSeed.Poll> markers(String channelId, Instant from, Instant to) {
        List<EmulatorSeed.Poll> live = seed.polls.stream().filter(p -> p.channelId().equals(channelId) && p.live()
                && p.at().isBefore(to)).toList();
        java.util.ArrayList<EmulatorSeed.Poll> out = new java.util.ArrayList<>();
        for (int i = 0; i < live.size(); i++) {
            EmulatorSeed.Poll p = live.get(i);
            EmulatorSeed.Poll prev = i == 0 ? null : live.get(i - 1);
            if (!p.at().isBefore(from) && (prev == null || !Objects.equals(prev.streamId(), p.streamId())
                    || !Objects.equals(prev.gameId(), p.gameId()) || !Objects.equals(prev.title(), p.title()))) {
                out.add(p);
            }
        }
        return out;
    }

    /** Follower total of the last sample before {@code before}. */
    public long followersBefore(String channelId, Instant before) {
        return seed.followers.get(channelId).entrySet().stream().filter(x -> x.getKey().isBefore(before))
                .reduce((a, b) -> b).orElseThrow().getValue();
    }

    /** Follower total of the last sample at or before {@code at}. */
    public long followersAt(String channelId, Instant at) {
        return seed.followers.get(channelId).entrySet().stream().filter(x -> !x.getKey().isAfter(at))
                .reduce((a, b) -> b).orElseThrow().getValue();
    }

    /** The latest category poll at or before {@code at}. */
    public List<CategorySnapshot> categoriesAt(Instant at) {
        return seed.categories.entrySet().stream().filter(x -> !x.getKey().isAfter(at)).reduce((a, b) -> b)
                .orElseThrow().getValue();
    }

    /**
     * Viewer-seconds, channel-seconds and covered seconds of a game over [from, to), from the game's
     * own polls: each stands until the game's next poll, unless that is more than two poll
     * intervals (2 × 10 min) away (missing data), clipped to the window.
     */
    public double[] category(String gameId, Instant from, Instant to) {
        List<Map.Entry<Instant, CategorySnapshot>> own = new java.util.ArrayList<>();
        for (Map.Entry<Instant, List<CategorySnapshot>> poll : seed.categories.entrySet()) {
            poll.getValue().stream().filter(c -> c.gameId().equals(gameId)).findFirst()
                    .ifPresent(c -> own.add(Map.entry(poll.getKey(), c)));
        }
        double viewerSeconds = 0;
        double channelSeconds = 0;
        double covered = 0;
        for (int i = 0; i + 1 < own.size(); i++) {
            long t = own.get(i).getKey().getEpochSecond();
            long next = own.get(i + 1).getKey().getEpochSecond();
            if (next - t > 2 * EmulatorSeed.CATEGORY_POLL.toSeconds()) {
                continue;
            }
            long start = Math.max(t, from.getEpochSecond());
            long end = Math.min(next, to.getEpochSecond());
            if (end > start) {
                viewerSeconds += own.get(i).getValue().viewers() * (double) (end - start);
                channelSeconds += own.get(i).getValue().streams() * (double) (end - start);
                covered += end - start;
            }
        }
        return new double[] {viewerSeconds, channelSeconds, covered};
    }

    /** The best ranked game at {@code at} that is also in the first category poll (S): it has a poll after every one in [S, E). */
    public CategorySnapshot steadyGame(Instant at) {
        List<CategorySnapshot> first = seed.categories.values().iterator().next();
        return categoriesAt(at).stream().filter(c -> first.stream().anyMatch(x -> x.gameId().equals(c.gameId())))
                .findFirst().orElseThrow();
    }

    /** Clips of the channels created in [from, to), most viewed (latest sample) first, then by id. */
    public List<ClipRecord> topClips(List<String> channelIds, Instant from, Instant to) {
        return seed.clips.values().stream().filter(c -> channelIds.contains(c.broadcasterId())
                && !c.createdAt().isBefore(from) && c.createdAt().isBefore(to))
                .sorted(Comparator.comparingLong(ClipRecord::viewCount).reversed().thenComparing(ClipRecord::id)).toList();
    }

    /** Samples of a clip within 24 h of its creation. */
    public long trajectorySamples(ClipRecord clip) {
        return seed.clipSamples.get(clip.id()).keySet().stream()
                .filter(t -> !t.isAfter(clip.createdAt().plus(24, ChronoUnit.HOURS))).count();
    }

    /** The VOD of the channel covering {@code at} (latest created first), or null. */
    public VodRecord vodAt(String channelId, Instant at) {
        return seed.vods.stream().filter(v -> v.userId().equals(channelId) && !v.createdAt().isAfter(at)
                && v.createdAt().plusSeconds(v.durationSeconds()).isAfter(at))
                .max(Comparator.comparing(VodRecord::createdAt)).orElse(null);
    }

    public long emoteUses(String name) {
        return seed.chat.stream().flatMap(m -> m.emotes().stream()).filter(e -> e.name().equals(name))
                .mapToLong(e -> e.count()).sum();
    }

    public long uniqueChatters() {
        return seed.chat.stream().map(m -> m.author().userId()).distinct().count();
    }

    /** The chatter with the most messages (ties: the smaller user id) and the count. */
    public Map.Entry<String, Long> topChatter() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (ChatMessage m : seed.chat) {
            counts.merge(m.author().login(), 1L, Long::sum);
        }
        return counts.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).orElseThrow();
    }

    public long messagesContaining(String word) {
        return seed.chat.stream().filter(m -> List.of(m.text().toLowerCase(Locale.ROOT).split(" ")).contains(word)).count();
    }

    public Instant lastMessage() {
        return seed.chat.stream().map(ChatMessage::sentAt).max(Comparator.naturalOrder()).orElseThrow();
    }

    // ---- the dashboard's formatting (format.js): en-US grouping, at most n decimals, half up

    /**
     * As the page shows an API value: the API rounds to two decimals; the browser (ICU) rounds the
     * shortest decimal form of the double half up to {@code digits} and groups thousands.
     */
    public static String num(Double value, int digits) {
        if (value == null) {
            return "–";
        }
        java.math.BigDecimal rounded = java.math.BigDecimal.valueOf(Math.round(value * 100) / 100.0)
                .setScale(digits, RoundingMode.HALF_UP);
        DecimalFormat f = new DecimalFormat(digits == 0 ? "#,##0" : "#,##0." + "#".repeat(digits),
                DecimalFormatSymbols.getInstance(Locale.US));
        return f.format(rounded);
    }

    public static String num(long value) {
        return num((double) value, 0);
    }

    public static String percent(Double value) {
        return value == null ? "–" : (value > 0 ? "+" : "") + num(value, 1) + " %";
    }

    /** 2026-03-01 18:05 UTC */
    public static String time(Instant at) {
        String iso = at.truncatedTo(ChronoUnit.MINUTES).toString();
        return iso.substring(0, 10) + " " + iso.substring(11, 16) + " UTC";
    }

    /** 1h2m3s as in the VOD links. */
    public static String duration(long seconds) {
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        long s = seconds % 60;
        return (h > 0 ? h + "h" : "") + (h > 0 || m > 0 ? m + "m" : "") + s + "s";
    }
}
