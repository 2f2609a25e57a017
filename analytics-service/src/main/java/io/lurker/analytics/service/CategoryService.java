package io.lurker.analytics.service;

import static io.lurker.analytics.service.ChannelAnalyticsService.average;
import static io.lurker.analytics.service.ChannelAnalyticsService.round;

import io.lurker.analytics.config.AnalyticsConfig;
import io.lurker.analytics.repository.CategoryRepository;
import io.lurker.analytics.repository.Jdbc;
import io.lurker.tokenpool.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Categories (games): top now, trending, series and summary. */
@ApplicationScoped
public class CategoryService {

    public record TopRow(int rank, String gameId, String gameName, long viewers, int streams, Double viewersPerStream,
            Instant sampledAt) {
    }

    public record Top(List<TopRow> categories, Methodology methodology) implements Tabular {
        @Override
        public List<TopRow> csvRows() {
            return categories;
        }
    }

    /** A game's viewers now against its own poll nearest to now − hours. */
    public record TrendRow(String gameId, String gameName, long viewers, int streams, Instant sampledAt,
            Long viewersBefore, Instant sampledBefore, Long viewerChange, Double viewerChangePercent,
            Integer streamChange) {
    }

    public record Trending(int hours, List<TrendRow> categories, Methodology methodology) implements Tabular {
        @Override
        public List<TrendRow> csvRows() {
            return categories;
        }
    }

    public record SeriesPoint(Instant start, Double averageViewers, Double averageChannels, Long peakViewers,
            double coveragePercent) {
    }

    public record Series(String gameId, String gameName, String granularity, List<SeriesPoint> points,
            Methodology methodology) implements Tabular {
        @Override
        public List<SeriesPoint> csvRows() {
            return points;
        }
    }

    public record Summary(String gameId, String gameName, Window window, double hoursWatched, double hoursStreamed,
            Double averageViewers, Double averageChannels, Long peakViewers, Instant peakViewersAt, Integer peakChannels,
            Double viewersPerChannel, long uniqueStreamers, Methodology methodology) {
    }

    private static final String METHOD = "time-weighted: each top-games poll counts until the game's next poll; "
            + "average channels = channel-hours ÷ covered hours; viewer/channel ratio = hours watched ÷ hours streamed";

    private final Jdbc jdbc;
    private final CategoryRepository categories;
    private final AnalyticsConfig config;
    private final Clock clock;

    public CategoryService(Jdbc jdbc, CategoryRepository categories, AnalyticsConfig config, Clock clock) {
        this.jdbc = jdbc;
        this.categories = categories;
        this.config = config;
        this.clock = clock;
    }

    public Top top(int limit) throws SQLException {
        List<TopRow> rows = jdbc.read(c -> categories.top(c, limit)).stream()
                .map(r -> new TopRow(r.rank(), r.gameId(), r.gameName(), r.viewers(), r.streams(),
                        r.streams() == 0 ? null : round((double) r.viewers() / r.streams()), r.sampledAt()))
                .toList();
        return new Top(rows, new Methodology("latest poll of the top games", null, null, null,
                rows.isEmpty() ? null : rows.get(0).sampledAt(), "sampledAt is the poll shown"));
    }

    public Trending trending(int hours, int limit, String sort) throws SQLException {
        if (hours < 1 || hours > 24 * 30) {
            throw ProblemException.badParameter("hours", "must be between 1 and 720");
        }
        if (!"absolute".equals(sort) && !"percent".equals(sort)) {
            throw ProblemException.badParameter("sort", "must be absolute or percent");
        }
        int tolerance = (int) Math.min(hours * 3600L / 2, 7200);
        Instant now = clock.instant();
        List<TrendRow> rows = new ArrayList<>();
        for (CategoryRepository.Trend t : jdbc.read(c -> categories.trending(c, now, hours, tolerance))) {
            Long change = t.pastViewers() == null ? null : t.viewers() - t.pastViewers();
            Double percent = t.pastViewers() == null || t.pastViewers() == 0 ? null
                    : round(100.0 * (t.viewers() - t.pastViewers()) / t.pastViewers());
            rows.add(new TrendRow(t.gameId(), t.gameName(), t.viewers(), t.streams(), t.sampledAt(), t.pastViewers(),
                    t.pastSampledAt(), change, percent, t.pastStreams() == null ? null : t.streams() - t.pastStreams()));
        }
        Comparator<TrendRow> order = "percent".equals(sort)
                ? Comparator.comparing(TrendRow::viewerChangePercent, Comparator.nullsLast(Comparator.reverseOrder()))
                : Comparator.comparing(TrendRow::viewerChange, Comparator.nullsLast(Comparator.reverseOrder()));
        rows.sort(order);
        return new Trending(hours, rows.stream().limit(limit).toList(), new Methodology(
                "each game's latest poll against its own poll nearest to now − " + hours + " h (within ±"
                        + tolerance / 60 + " min); games without such a poll have no change", null, null, null, null,
                null));
    }

    public Series series(String gameId, Window window, Granularity granularity) throws SQLException {
        window.buckets(granularity, config.api().maxPoints());
        return jdbc.read(c -> {
            CategoryRepository.Game game = game(c, gameId);
            Map<Instant, CategoryRepository.Bucket> byStart = new HashMap<>();
            categories.series(c, gameId, window.from(), window.to(), granularity.seconds())
                    .forEach(b -> byStart.put(b.start(), b));
            List<SeriesPoint> points = new ArrayList<>();
            for (Instant start : window.bucketStarts(granularity)) {
                CategoryRepository.Bucket b = byStart.get(start);
                points.add(b == null ? new SeriesPoint(start, null, null, null, 0)
                        : new SeriesPoint(b.start(), average(b.viewerSeconds(), b.coveredSeconds()),
                                average(b.streamSeconds(), b.coveredSeconds()), b.peakViewers(),
                                round(100 * b.coveredSeconds() / window.secondsWithin(start, granularity))));
            }
            CategoryRepository.Totals t = categories.totals(c, gameId, window.from(), window.to());
            return new Series(game.id(), game.name(), granularity.label(), points, methodology(t, window));
        });
    }

    public Summary summary(String gameId, Window window) throws SQLException {
        return jdbc.read(c -> {
            CategoryRepository.Game game = game(c, gameId);
            CategoryRepository.Totals t = categories.totals(c, gameId, window.from(), window.to());
            return new Summary(game.id(), game.name(), window, round(t.viewerSeconds() / 3600),
                    round(t.streamSeconds() / 3600), average(t.viewerSeconds(), t.coveredSeconds()),
                    average(t.streamSeconds(), t.coveredSeconds()), t.peakViewers(), t.peakViewersAt(), t.peakStreams(),
                    t.streamSeconds() == 0 ? null : round(t.viewerSeconds() / t.streamSeconds()),
                    categories.uniqueStreamers(c, gameId, window.from(), window.to()), methodology(t, window));
        });
    }

    private CategoryRepository.Game game(Connection c, String gameId) throws SQLException {
        CategoryRepository.Game game = categories.game(c, gameId);
        if (game == null) {
            throw ProblemException.notFound("No game with id '" + Window.abbreviate(gameId) + "' is known");
        }
        return game;
    }

    private static Methodology methodology(CategoryRepository.Totals t, Window window) {
        Integer interval = t.intervalSeconds() == null || t.intervalSeconds() == 0 ? null : t.intervalSeconds();
        return new Methodology(METHOD, interval, interval == null ? null : 2 * interval,
                round(100 * t.coveredSeconds() / window.length().toSeconds()), t.trackedSince(),
                "unique streamers counts tracked channels seen live in the game");
    }
}
