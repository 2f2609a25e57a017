package io.lurker.analytics.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lurker.analytics.repository.ChannelRepository.Channel;
import io.lurker.analytics.repository.ChannelStatsRepository;
import io.lurker.analytics.repository.Jdbc;
import io.lurker.analytics.repository.ViewerRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The comparison table of several channels (the seed's table plus viewers and chat). */
@ApplicationScoped
public class CompareService {

    /**
     * One channel. Clips count the 7 days before the window's end, VODs the 30 days before it;
     * viewers, hours watched and chat rate are over the window (chat rate = messages per live minute).
     */
    public record Row(String login, String displayName, Long followers, long clips7d, Double averageClipViews,
            long vods30d, Double averageVodHours, long vodViews, Boolean hasSchedule, List<String> teams,
            Double averageViewers, double hoursWatched, double airtimeHours, long chatMessages,
            Double chatMessagesPerLiveMinute) {
    }

    public record Comparison(Window window, List<Row> channels, Methodology methodology) implements Tabular {
        @Override
        public List<Row> csvRows() {
            return channels;
        }
    }

    private final Jdbc jdbc;
    private final ChannelAnalyticsService channels;
    private final ViewerRepository viewers;
    private final ChannelStatsRepository stats;
    private final ObjectMapper json;

    public CompareService(Jdbc jdbc, ChannelAnalyticsService channels, ViewerRepository viewers,
            ChannelStatsRepository stats, ObjectMapper json) {
        this.jdbc = jdbc;
        this.channels = channels;
        this.viewers = viewers;
        this.stats = stats;
        this.json = json;
    }

    public Comparison compare(List<String> logins, Window window) throws SQLException {
        return jdbc.read(c -> {
            List<Row> rows = new ArrayList<>();
            Integer interval = null;
            for (String login : logins.stream().distinct().toList()) {
                Channel channel = channels.channel(c, login);
                ViewerRepository.Totals totals = viewers.totals(c, channel.id(), window.from(), window.to());
                interval = interval == null ? totals.intervalSeconds() : interval;
                ChannelStatsRepository.ClipStats clips = stats.clips(c, channel.id(),
                        window.to().minus(Duration.ofDays(7)), window.to());
                ChannelStatsRepository.VodStats vods = stats.vods(c, channel.id(),
                        window.to().minus(Duration.ofDays(30)), window.to());
                long chat = stats.chatMessages(c, channel.id(), window.from(), window.to());
                double liveMinutes = totals.liveSeconds() / 60;
                rows.add(new Row(channel.login(), channel.displayName(),
                        stats.latestFollowers(c, channel.id(), window.to()), clips.clips(),
                        round(clips.averageViews()), vods.vods(),
                        vods.averageSeconds() == null ? null : round(vods.averageSeconds() / 3600), vods.views(),
                        channel.hasSchedule(), teams(channel.teams()),
                        ChannelAnalyticsService.average(totals.viewerSeconds(), totals.liveSeconds()),
                        ChannelAnalyticsService.round(totals.viewerSeconds() / 3600),
                        ChannelAnalyticsService.round(totals.liveSeconds() / 3600), chat,
                        liveMinutes == 0 ? null : ChannelAnalyticsService.round(chat / liveMinutes)));
            }
            int i = interval == null ? 60 : interval;
            return new Comparison(window, rows, new Methodology(Methodology.TIME_WEIGHTED, i, 2 * i, null, null,
                    "coverage and tracked-since per channel: see each channel's summary"));
        });
    }

    private List<String> teams(String teamsJson) {
        if (teamsJson == null) {
            return List.of();
        }
        try {
            List<String> names = new ArrayList<>();
            for (JsonNode team : json.readTree(teamsJson)) {
                names.add(team.path("displayName").asText(team.path("name").asText()));
            }
            return names;
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Double round(Double value) {
        return value == null ? null : ChannelAnalyticsService.round(value);
    }
}
