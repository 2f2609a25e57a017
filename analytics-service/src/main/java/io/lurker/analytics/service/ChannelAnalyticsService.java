package io.lurker.analytics.service;

import io.lurker.analytics.config.AnalyticsConfig;
import io.lurker.analytics.repository.ChannelRepository;
import io.lurker.analytics.repository.ChannelRepository.Channel;
import io.lurker.analytics.repository.Jdbc;
import io.lurker.analytics.repository.SessionRepository;
import io.lurker.analytics.repository.ViewerRepository;
import io.lurker.analytics.repository.ViewerRepository.Totals;
import io.lurker.tokenpool.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Channel numbers: summary, viewer series, time per game, sessions, heatmap. */
@ApplicationScoped
public class ChannelAnalyticsService {

    /** Who an answer is about. */
    public record ChannelRef(String id, String login, String displayName) {
        static ChannelRef of(Channel c) {
            return new ChannelRef(c.id(), c.login(), c.displayName());
        }
    }

    /** The numbers of one period. Averages are time-weighted; null where there was no live time. */
    public record PeriodStats(Instant from, Instant to, Double averageViewers, Integer peakViewers, Instant peakAt,
            double hoursWatched, double airtimeHours, long streams, Long followersGained, Double followersPerHour,
            double coveragePercent) {
    }

    /** Relative change from the previous period in percent (null when the previous value is zero or unknown). */
    public record Change(Double averageViewersPercent, Double hoursWatchedPercent, Double airtimeHoursPercent,
            Double streamsPercent, Double followersGainedPercent) {
    }

    public record Summary(ChannelRef channel, PeriodStats current, PeriodStats previous, Change change,
            Methodology methodology) {
    }

    /** One bucket: time-weighted average viewers over the live part of the bucket. */
    public record ViewerPoint(Instant start, Double averageViewers, Integer peakViewers, double liveMinutes,
            double coveragePercent) {
    }

    public record ViewerSeries(ChannelRef channel, String granularity, List<ViewerPoint> points,
            List<ViewerRepository.Marker> markers, Methodology methodology) implements Tabular {
        @Override
        public List<ViewerPoint> csvRows() {
            return points;
        }
    }

    /** Time in one game, from the real intervals between polls. */
    public record GameShare(String gameId, String gameName, double hours, double hoursWatched, Double averageViewers,
            int peakViewers, double sharePercent) {
    }

    public record GameTimes(ChannelRef channel, List<GameShare> games, Methodology methodology) implements Tabular {
        @Override
        public List<GameShare> csvRows() {
            return games;
        }
    }

    public record HeatmapCell(int weekday, int hour, Double averageViewers, double hoursWatched, double liveHours) {
    }

    public record Heatmap(ChannelRef channel, String timeZone, List<HeatmapCell> cells, Methodology methodology)
            implements Tabular {
        @Override
        public List<HeatmapCell> csvRows() {
            return cells;
        }
    }

    public record Sessions(ChannelRef channel, List<SessionRepository.Session> sessions, Methodology methodology)
            implements Tabular {
        @Override
        public List<SessionRepository.SessionRow> csvRows() {
            return sessions.stream().map(SessionRepository.Session::row).toList();
        }
    }

    private final Jdbc jdbc;
    private final ChannelRepository channels;
    private final ViewerRepository viewers;
    private final SessionRepository sessions;
    private final AnalyticsConfig config;

    public ChannelAnalyticsService(Jdbc jdbc, ChannelRepository channels, ViewerRepository viewers,
            SessionRepository sessions, AnalyticsConfig config) {
        this.jdbc = jdbc;
        this.channels = channels;
        this.viewers = viewers;
        this.sessions = sessions;
        this.config = config;
    }

    public Summary summary(String login, Window window) throws SQLException {
        return jdbc.read(c -> {
            Channel channel = channel(c, login);
            Totals current = viewers.totals(c, channel.id(), window.from(), window.to());
            Window before = window.previous();
            Totals previous = viewers.totals(c, channel.id(), before.from(), before.to());
            PeriodStats now = stats(c, channel, window, current);
            PeriodStats then = stats(c, channel, before, previous);
            Change change = new Change(percent(now.averageViewers(), then.averageViewers()),
                    percent(now.hoursWatched(), then.hoursWatched()), percent(now.airtimeHours(), then.airtimeHours()),
                    percent((double) now.streams(), (double) then.streams()),
                    percent(toDouble(now.followersGained()), toDouble(then.followersGained())));
            return new Summary(ChannelRef.of(channel), now, then, change, methodology(c, channel, window, current, null));
        });
    }

    public ViewerSeries viewers(String login, Window window, Granularity granularity) throws SQLException {
        window.buckets(granularity, config.api().maxPoints());
        return jdbc.read(c -> {
            Channel channel = channel(c, login);
            Map<Instant, ViewerRepository.Bucket> byStart = new HashMap<>();
            ViewerRepository.Covered<ViewerRepository.Bucket> series = viewers.series(c, channel.id(), window.from(),
                    window.to(), granularity.seconds());
            for (ViewerRepository.Bucket b : series.rows()) {
                byStart.put(b.start(), b);
            }
            List<ViewerPoint> points = new ArrayList<>();
            for (Instant start : window.bucketStarts(granularity)) {
                ViewerRepository.Bucket b = byStart.get(start);
                points.add(b == null ? new ViewerPoint(start, null, null, 0, 0)
                        : new ViewerPoint(start, average(b.viewerSeconds(), b.liveSeconds()), b.peakViewers(),
                                round(b.liveSeconds() / 60),
                                round(100 * b.coveredSeconds() / window.secondsWithin(start, granularity))));
            }
            return new ViewerSeries(ChannelRef.of(channel), granularity.label(), points,
                    viewers.markers(c, channel.id(), window.from(), window.to()),
                    methodology(c, channel, window, series.coveredSeconds(), series.intervalSeconds(), null));
        });
    }

    public GameTimes games(String login, Window window) throws SQLException {
        return jdbc.read(c -> {
            Channel channel = channel(c, login);
            ViewerRepository.Covered<ViewerRepository.GameTime> covered = viewers.games(c, channel.id(), window.from(),
                    window.to());
            List<ViewerRepository.GameTime> times = covered.rows();
            double total = times.stream().mapToDouble(ViewerRepository.GameTime::liveSeconds).sum();
            List<GameShare> games = times.stream().map(t -> new GameShare(t.gameId(), t.gameName(),
                    round(t.liveSeconds() / 3600), round(t.viewerSeconds() / 3600), average(t.viewerSeconds(), t.liveSeconds()),
                    t.peakViewers(), total == 0 ? 0 : round(100 * t.liveSeconds() / total))).toList();
            return new GameTimes(ChannelRef.of(channel), games, methodology(c, channel, window,
                    covered.coveredSeconds(), covered.intervalSeconds(),
                    "hours per game are the summed real intervals between polls, not a sample count times an interval"));
        });
    }

    public Heatmap heatmap(String login, Window window) throws SQLException {
        return jdbc.read(c -> {
            Channel channel = channel(c, login);
            ViewerRepository.Covered<ViewerRepository.HeatCell> covered = viewers.heatmap(c, channel.id(), window.from(),
                    window.to());
            List<HeatmapCell> cells = covered.rows().stream()
                    .map(h -> new HeatmapCell(h.weekday(), h.hour(), average(h.viewerSeconds(), h.liveSeconds()),
                            round(h.viewerSeconds() / 3600), round(h.liveSeconds() / 3600)))
                    .toList();
            return new Heatmap(ChannelRef.of(channel), "UTC", cells, methodology(c, channel, window,
                    covered.coveredSeconds(), covered.intervalSeconds(),
                    "weekday is ISO (1 = Monday); cells without live time are omitted"));
        });
    }

    public Sessions sessions(String login, Window window) throws SQLException {
        return jdbc.read(c -> {
            Channel channel = channel(c, login);
            Totals totals = viewers.totals(c, channel.id(), window.from(), window.to());
            return new Sessions(ChannelRef.of(channel), sessions.sessions(c, channel.id(), window.from(), window.to()),
                    methodology(c, channel, window, totals,
                            "a session is one broadcast (stream id); ended is the first poll that no longer saw it"));
        });
    }

    Channel channel(Connection c, String login) throws SQLException {
        Channel channel = channels.byLogin(c, login);
        if (channel == null) {
            throw ProblemException.notFound("No channel with login '" + Window.abbreviate(login) + "' is known");
        }
        return channel;
    }

    PeriodStats stats(Connection c, Channel channel, Window window, Totals t) throws SQLException {
        Long[] followers = viewers.followers(c, channel.id(), window.from(), window.to());
        Long gained = followers[0] == null || followers[1] == null ? null : followers[1] - followers[0];
        double airtimeHours = t.liveSeconds() / 3600;
        return new PeriodStats(window.from(), window.to(), average(t.viewerSeconds(), t.liveSeconds()), t.peakViewers(),
                t.peakAt(), round(t.viewerSeconds() / 3600), round(airtimeHours), t.streams(), gained,
                gained == null || airtimeHours == 0 ? null : round(gained / airtimeHours),
                round(100 * t.coveredSeconds() / window.length().toSeconds()));
    }

    Methodology methodology(Connection c, Channel channel, Window window, Totals t, String note) throws SQLException {
        return methodology(c, channel, window, t.coveredSeconds(), t.intervalSeconds(), note);
    }

    Methodology methodology(Connection c, Channel channel, Window window, double coveredSeconds, Integer intervalSeconds,
            String note) throws SQLException {
        int interval = intervalSeconds != null ? intervalSeconds : (int) config.api().defaultPollInterval().toSeconds();
        return new Methodology(Methodology.TIME_WEIGHTED, interval, 2 * interval,
                round(100 * coveredSeconds / window.length().toSeconds()), viewers.trackedSince(c, channel.id()), note);
    }

    static Double average(double viewerSeconds, double liveSeconds) {
        return liveSeconds <= 0 ? null : round(viewerSeconds / liveSeconds);
    }

    static Double percent(Double now, Double before) {
        if (now == null || before == null || before == 0) {
            return null;
        }
        return round(100 * (now - before) / before);
    }

    static Double toDouble(Long value) {
        return value == null ? null : value.doubleValue();
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
