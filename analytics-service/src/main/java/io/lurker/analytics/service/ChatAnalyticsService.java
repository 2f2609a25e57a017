package io.lurker.analytics.service;

import static io.lurker.analytics.service.ChannelAnalyticsService.round;

import io.lurker.analytics.config.AnalyticsConfig;
import io.lurker.analytics.repository.ChannelRepository.Channel;
import io.lurker.analytics.repository.ChatAnalyticsRepository;
import io.lurker.analytics.repository.ClipRepository;
import io.lurker.analytics.repository.EmoteProviders;
import io.lurker.analytics.repository.Jdbc;
import io.lurker.analytics.repository.VodRepository;
import io.lurker.tokenpool.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Chat numbers, logs, search and highlights of a channel. */
@ApplicationScoped
public class ChatAnalyticsService {

    public record HourRow(Instant hour, long messages, long uniqueChatters, long subscriberMessages, long bits) {
    }

    public record Activity(ChannelAnalyticsService.ChannelRef channel, List<HourRow> hours, Methodology methodology)
            implements Tabular {
        @Override
        public List<HourRow> csvRows() {
            return hours;
        }
    }

    /** One bucket: unique chatters over the bucket; emote density = emotes per message. */
    public record MetricPoint(Instant start, long messages, double messagesPerMinute, long uniqueChatters,
            Double messagesPerChatter, Double emoteDensity) {
    }

    public record Metrics(ChannelAnalyticsService.ChannelRef channel, String granularity, long messages,
            long uniqueChatters, Double messagesPerChatter, List<MetricPoint> points, Methodology methodology)
            implements Tabular {
        @Override
        public List<MetricPoint> csvRows() {
            return points;
        }
    }

    public record Emotes(ChannelAnalyticsService.ChannelRef channel, String provider,
            List<ChatAnalyticsRepository.Emote> emotes, Methodology methodology) implements Tabular {
        @Override
        public List<ChatAnalyticsRepository.Emote> csvRows() {
            return emotes;
        }
    }

    public record Chatters(ChannelAnalyticsService.ChannelRef channel, List<ChatAnalyticsRepository.Chatter> chatters,
            Methodology methodology) implements Tabular {
        @Override
        public List<ChatAnalyticsRepository.Chatter> csvRows() {
            return chatters;
        }
    }

    public record Lines(ChannelAnalyticsService.ChannelRef channel, List<ChatAnalyticsRepository.Line> messages,
            Instant next, Methodology methodology) implements Tabular {
        @Override
        public List<ChatAnalyticsRepository.Line> csvRows() {
            return messages;
        }
    }

    public record ClipRef(String id, String title, Instant createdAt, long views, String url) {
    }

    /** A chat-rate spike: start, peak and end minute, the top emotes then, clips made then, and the VOD position. */
    public record Highlight(Instant start, Instant peak, Instant end, long peakMessagesPerMinute, double baseline,
            double score, List<ChatAnalyticsRepository.Emote> topEmotes, List<ClipRef> clips, String vodId,
            Integer vodOffsetSeconds) {
    }

    public record HighlightRow(Instant start, Instant peak, Instant end, long peakMessagesPerMinute, double score,
            String vodId, Integer vodOffsetSeconds, List<String> topEmotes, List<String> clipIds) {
    }

    public record Highlights(ChannelAnalyticsService.ChannelRef channel, String method, double threshold,
            int baselineMinutes, List<Highlight> highlights, Methodology methodology) implements Tabular {
        @Override
        public List<HighlightRow> csvRows() {
            return highlights.stream().map(h -> new HighlightRow(h.start(), h.peak(), h.end(), h.peakMessagesPerMinute(),
                    h.score(), h.vodId(), h.vodOffsetSeconds(),
                    h.topEmotes().stream().map(ChatAnalyticsRepository.Emote::name).toList(),
                    h.clips().stream().map(ClipRef::id).toList())).toList();
        }
    }

    private static final String ROLLUP = "per-minute rollups; unique chatters are distinct users over each bucket";
    private static final int MAX_HIGHLIGHT_MINUTES = 31 * 1440;

    private final Jdbc jdbc;
    private final ChatAnalyticsRepository chat;
    private final ChannelAnalyticsService channels;
    private final ClipRepository clips;
    private final VodRepository vods;
    private final AnalyticsConfig config;

    public ChatAnalyticsService(Jdbc jdbc, ChatAnalyticsRepository chat, ChannelAnalyticsService channels,
            ClipRepository clips, VodRepository vods, AnalyticsConfig config) {
        this.jdbc = jdbc;
        this.chat = chat;
        this.channels = channels;
        this.clips = clips;
        this.vods = vods;
        this.config = config;
    }

    public Activity activity(String login, Window window) throws SQLException {
        window.buckets(Granularity.HOUR, config.api().maxPoints());
        return jdbc.read(c -> {
            Channel channel = channels.channel(c, login);
            List<HourRow> hours = chat.buckets(c, channel.id(), window.from(), window.to(), 3600).stream()
                    .map(b -> new HourRow(b.start(), b.messages(), b.uniqueChatters(), b.subscriberMessages(), b.bits()))
                    .toList();
            return new Activity(ChannelAnalyticsService.ChannelRef.of(channel), hours, methodology(c, channel, ROLLUP));
        });
    }

    public Metrics metrics(String login, Window window, Granularity granularity) throws SQLException {
        window.buckets(granularity, config.api().maxPoints());
        return jdbc.read(c -> {
            Channel channel = channels.channel(c, login);
            Map<Instant, ChatAnalyticsRepository.Bucket> byStart = new HashMap<>();
            chat.buckets(c, channel.id(), window.from(), window.to(), granularity.seconds())
                    .forEach(b -> byStart.put(b.start(), b));
            List<MetricPoint> points = new ArrayList<>();
            for (Instant start : window.bucketStarts(granularity)) {
                ChatAnalyticsRepository.Bucket b = byStart.get(start);
                double minutes = window.secondsWithin(start, granularity) / 60.0;
                points.add(b == null ? new MetricPoint(start, 0, 0, 0, null, null)
                        : new MetricPoint(b.start(), b.messages(), round(b.messages() / minutes), b.uniqueChatters(),
                                b.uniqueChatters() == 0 ? null : round((double) b.messages() / b.uniqueChatters()),
                                b.messages() == 0 ? null : round((double) b.emotes() / b.messages())));
            }
            long[] totals = chat.totals(c, channel.id(), window.from(), window.to());
            return new Metrics(ChannelAnalyticsService.ChannelRef.of(channel), granularity.label(), totals[0], totals[1],
                    totals[1] == 0 ? null : round((double) totals[0] / totals[1]), points, methodology(c, channel, ROLLUP));
        });
    }

    public Emotes emotes(String login, String provider, Window window, int limit) throws SQLException {
        String p = provider == null || provider.isBlank() ? null : EmoteProviders.parse(provider).orElseThrow(() ->
                ProblemException.badParameter("provider", "must be twitch, bttv, ffz or 7tv"));
        return jdbc.read(c -> {
            Channel channel = channels.channel(c, login);
            return new Emotes(ChannelAnalyticsService.ChannelRef.of(channel), p,
                    chat.emotes(c, channel.id(), p, window.from(), window.to(), limit), methodology(c, channel,
                            "uses and messages from per-minute rollups; unique users are distinct over the UTC days "
                                    + "the window touches; share of all uses in the window (and of the provider's)"));
        });
    }

    public Chatters chatters(String login, Window window, int limit) throws SQLException {
        return jdbc.read(c -> {
            Channel channel = channels.channel(c, login);
            return new Chatters(ChannelAnalyticsService.ChannelRef.of(channel),
                    chat.topChatters(c, channel.id(), window.from(), window.to(), limit), methodology(c, channel, ROLLUP));
        });
    }

    public Lines logs(String login, String date, String user, String after, int limit) throws SQLException {
        LocalDate day;
        try {
            day = LocalDate.parse(date == null ? "" : date);
        } catch (DateTimeParseException e) {
            throw ProblemException.badParameter("date", "must be a day such as 2026-03-01");
        }
        Instant cursor;
        try {
            cursor = after == null || after.isBlank() ? null : Instant.parse(after);
        } catch (DateTimeParseException e) {
            throw ProblemException.badParameter("after", "must be an RFC 3339 UTC time (the 'next' of the previous page)");
        }
        return jdbc.read(c -> {
            Channel channel = channels.channel(c, login);
            List<ChatAnalyticsRepository.Line> lines = chat.logs(c, channel.id(), day,
                    user == null || user.isBlank() ? null : user, cursor, limit);
            Instant next = lines.size() == limit ? lines.get(lines.size() - 1).sentAt() : null;
            return new Lines(ChannelAnalyticsService.ChannelRef.of(channel), lines, next,
                    methodology(c, channel, "raw lines in time order; deleted marks CLEARMSG deletions"));
        });
    }

    public Lines search(String login, String query, Window window, int limit) throws SQLException {
        if (query == null || query.isBlank() || query.length() > 200) {
            throw ProblemException.badParameter("q", "must hold 1 to 200 characters");
        }
        if (window.length().compareTo(Duration.ofDays(31)) > 0) {
            throw ProblemException.badParameter("from", "search covers at most 31 days");
        }
        return jdbc.read(c -> {
            Channel channel = channels.channel(c, login);
            return new Lines(ChannelAnalyticsService.ChannelRef.of(channel),
                    chat.search(c, channel.id(), query, window.from(), window.to(), limit), null,
                    methodology(c, channel, "full-text match of all words (simple configuration), newest first"));
        });
    }

    public Highlights highlights(String login, Window window, String method, Double threshold, int baselineMinutes,
            int minMessages, int limit) throws SQLException {
        SpikeDetector.Method m = switch (method == null ? "zscore" : method) {
            case "zscore" -> SpikeDetector.Method.ZSCORE;
            case "ratio" -> SpikeDetector.Method.RATIO;
            default -> throw ProblemException.badParameter("method", "must be zscore or ratio");
        };
        double t = threshold == null ? 3.0 : threshold;
        if (t <= 0 || t > 100) {
            throw ProblemException.badParameter("threshold", "must be above 0 and at most 100");
        }
        if (window.length().toMinutes() > MAX_HIGHLIGHT_MINUTES) {
            throw ProblemException.badParameter("from", "highlights cover at most 31 days");
        }
        SpikeDetector detector = new SpikeDetector(m, t, baselineMinutes, minMessages);
        return jdbc.read(c -> {
            Channel channel = channels.channel(c, login);
            long firstMinute = Math.floorDiv(window.from().getEpochSecond(), 60);
            int n = (int) (Math.floorDiv(window.to().getEpochSecond() - 1, 60) - firstMinute + 1);
            long[] counts = new long[n];
            for (ChatAnalyticsRepository.MinuteCount mc : chat.minutes(c, channel.id(), window.from(), window.to())) {
                counts[(int) (mc.minute().getEpochSecond() / 60 - firstMinute)] = mc.messages();
            }
            List<Highlight> found = new ArrayList<>();
            for (SpikeDetector.Spike s : detector.detect(counts)) {
                Instant start = Instant.ofEpochSecond((firstMinute + s.start()) * 60);
                Instant peak = Instant.ofEpochSecond((firstMinute + s.peak()) * 60);
                Instant end = Instant.ofEpochSecond((firstMinute + s.end()) * 60);
                double baseline = java.util.Arrays.stream(counts, s.start() - baselineMinutes, s.start()).average().orElse(0);
                List<ClipRef> made = clips.top(c, new String[] {channel.id()}, null, start.minusSeconds(120),
                        end.plusSeconds(180), 10, false).stream()
                        .map(k -> new ClipRef(k.id(), k.title(), k.createdAt(), k.views(), k.url())).toList();
                Object[] vod = vods.vodAt(c, channel.id(), start);
                found.add(new Highlight(start, peak, end, counts[s.peak()], round(baseline), s.score(),
                        chat.emotes(c, channel.id(), null, start, end.plusSeconds(60), 5), made,
                        vod == null ? null : (String) vod[0], vod == null ? null : (Integer) vod[1]));
            }
            found.sort((a, b) -> Double.compare(b.score(), a.score()));
            return new Highlights(ChannelAnalyticsService.ChannelRef.of(channel), m.name().toLowerCase(), t,
                    baselineMinutes, found.stream().limit(limit).toList(), methodology(c, channel,
                            "spike minutes against the " + baselineMinutes + " minutes before each; chat reacts some "
                                    + "seconds after the moment on screen, so clips from 2 min before the start are listed"));
        });
    }

    private Methodology methodology(Connection c, Channel channel, String note) throws SQLException {
        return new Methodology("counts per minute", 60, null, null, chat.firstMinute(c, channel.id()), note);
    }
}
