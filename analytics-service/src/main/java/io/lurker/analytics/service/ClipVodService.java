package io.lurker.analytics.service;

import io.lurker.analytics.repository.ClipRepository;
import io.lurker.analytics.repository.Jdbc;
import io.lurker.analytics.repository.VodRepository;
import io.lurker.tokenpool.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Clips (top, trajectory, velocity) and VODs (list with muted summary, chapters). */
@ApplicationScoped
public class ClipVodService {

    public record TopClips(Window window, String sort, List<ClipRepository.Clip> clips, Methodology methodology)
            implements Tabular {
        @Override
        public List<ClipRepository.Clip> csvRows() {
            return clips;
        }
    }

    public record Trajectory(ClipRepository.Clip clip, List<ClipRepository.Sample> samples, Methodology methodology)
            implements Tabular {
        @Override
        public List<ClipRepository.Sample> csvRows() {
            return samples;
        }
    }

    public record VelocityRanking(Window window, List<ClipRepository.Velocity> clips, Methodology methodology)
            implements Tabular {
        @Override
        public List<ClipRepository.Velocity> csvRows() {
            return clips;
        }
    }

    public record VodList(Window window, int vods, Double averageHours, int withMutedAudio, long mutedSeconds,
            List<VodRepository.Vod> items, Methodology methodology) implements Tabular {
        @Override
        public List<VodRepository.Vod> csvRows() {
            return items;
        }
    }

    public record Chapters(String videoId, List<VodRepository.Chapter> chapters, Methodology methodology)
            implements Tabular {
        @Override
        public List<VodRepository.Chapter> csvRows() {
            return chapters;
        }
    }

    private static final String VIEWS_PER_DAY = "views per day = latest view count ÷ max(1, days from creation to that "
            + "sample), so a clip younger than a day is not inflated";

    private final Jdbc jdbc;
    private final ClipRepository clips;
    private final VodRepository vods;
    private final ChannelAnalyticsService channels;

    public ClipVodService(Jdbc jdbc, ClipRepository clips, VodRepository vods, ChannelAnalyticsService channels) {
        this.jdbc = jdbc;
        this.clips = clips;
        this.vods = vods;
        this.channels = channels;
    }

    public TopClips top(List<String> logins, String gameId, Window window, int limit, String sort) throws SQLException {
        if (!"views".equals(sort) && !"views-per-day".equals(sort)) {
            throw ProblemException.badParameter("sort", "must be views or views-per-day");
        }
        return jdbc.read(c -> new TopClips(window, sort, clips.top(c, channelIds(c, logins),
                gameId == null || gameId.isBlank() ? null : gameId, window.from(), window.to(), limit,
                "views-per-day".equals(sort)), new Methodology("latest view count per clip", null, null, null, null,
                VIEWS_PER_DAY + "; without login or gameId: clips of the watched channels")));
    }

    public Trajectory trajectory(String clipId) throws SQLException {
        return jdbc.read(c -> {
            ClipRepository.Clip clip = clips.clip(c, clipId);
            if (clip == null) {
                throw ProblemException.notFound("No clip with id '" + Window.abbreviate(clipId) + "' is known");
            }
            return new Trajectory(clip, clips.trajectory(c, clipId, clip.createdAt(),
                    clip.createdAt().plus(Duration.ofHours(24))), new Methodology("view-count samples", null, null,
                    null, null, "the clip's samples from creation to 24 h after it"));
        });
    }

    public VelocityRanking velocity(Window window, int limit) throws SQLException {
        return jdbc.read(c -> new VelocityRanking(window, clips.velocity(c, window.from(), window.to(), limit),
                new Methodology("views gained per hour between the first and last sample of the clip's first 24 h", null,
                        null, null, null, "clips created in the window; one sample only: views ÷ hours since creation")));
    }

    public VodList vods(List<String> logins, Window window, int limit) throws SQLException {
        return jdbc.read(c -> {
            List<VodRepository.Vod> items = vods.list(c, channelIds(c, logins), window.from(), window.to(), limit);
            double avg = items.stream().mapToLong(VodRepository.Vod::durationSeconds).average().orElse(Double.NaN);
            return new VodList(window, items.size(), Double.isNaN(avg) ? null : ChannelAnalyticsService.round(avg / 3600),
                    (int) items.stream().filter(v -> v.mutedSeconds() > 0).count(),
                    items.stream().mapToLong(VodRepository.Vod::mutedSeconds).sum(), items,
                    new Methodology("VOD records as Helix reports them", null, null, null, null,
                            "VODs created in the window; averages over the listed VODs"));
        });
    }

    public Chapters chapters(String videoId) throws SQLException {
        return jdbc.read(c -> {
            if (vods.vod(c, videoId) == null) {
                throw ProblemException.notFound("No VOD with id '" + Window.abbreviate(videoId) + "' is known");
            }
            return new Chapters(videoId, vods.chapters(c, videoId), new Methodology("chapters (moments) from GraphQL",
                    null, null, null, null, "empty when the chapters were never fetched"));
        });
    }

    String[] channelIds(Connection c, List<String> logins) throws SQLException {
        List<String> ids = new ArrayList<>();
        for (String login : logins == null ? List.<String>of() : logins) {
            ids.add(channels.channel(c, login).id());
        }
        return ids.toArray(new String[0]);
    }
}
