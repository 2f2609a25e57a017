package io.lurker.analytics.service;

import io.lurker.analytics.repository.CategoryRepository;
import io.lurker.analytics.repository.ChannelRepository;
import io.lurker.analytics.repository.ClipRepository;
import io.lurker.analytics.repository.Jdbc;
import io.lurker.analytics.repository.SummaryRepository;
import io.lurker.tokenpool.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The seed's print_summary: what was collected for the watchlist or a game in a window. */
@ApplicationScoped
public class CollectionSummaryService {

    public record TopClip(String title, String channel, long views, double viewsPerDay, String url) {
    }

    public record Summary(String scope, Window window, int channels, List<String> channelLogins, long clips,
            List<TopClip> topClips, long vods, Double averageVodHours, long vodsWithMutedAudio, long chatMessages,
            List<SummaryRepository.EmoteTotal> topEmotes, Methodology methodology) {
    }

    private final Jdbc jdbc;
    private final ChannelRepository channels;
    private final CategoryRepository categories;
    private final SummaryRepository summary;
    private final ClipRepository clips;

    public CollectionSummaryService(Jdbc jdbc, ChannelRepository channels, CategoryRepository categories,
            SummaryRepository summary, ClipRepository clips) {
        this.jdbc = jdbc;
        this.channels = channels;
        this.categories = categories;
        this.summary = summary;
        this.clips = clips;
    }

    public Summary summarize(String gameId, Window window) throws SQLException {
        return jdbc.read(c -> {
            List<String[]> scope = new ArrayList<>();
            String label;
            if (gameId == null || gameId.isBlank()) {
                channels.watched(c).forEach(ch -> scope.add(new String[] {ch.id(), ch.login()}));
                label = "watchlist";
            } else {
                CategoryRepository.Game game = categories.game(c, gameId);
                if (game == null) {
                    throw ProblemException.notFound("No game with id '" + Window.abbreviate(gameId) + "' is known");
                }
                scope.addAll(summary.channelsOfGame(c, gameId, window.from(), window.to()));
                label = "game " + game.name();
            }
            String[] ids = scope.stream().map(s -> s[0]).toArray(String[]::new);
            String game = gameId == null || gameId.isBlank() ? null : gameId;
            List<TopClip> top = ids.length == 0 ? List.of()
                    : clips.top(c, ids, game, window.from(), window.to(), 5, false).stream()
                            .map(k -> new TopClip(k.title(), k.broadcasterName(), k.views(), k.viewsPerDay(), k.url()))
                            .toList();
            SummaryRepository.VodTotals vods = summary.vods(c, ids, window.from(), window.to());
            return new Summary(label, window, ids.length, scope.stream().map(s -> s[1]).toList(),
                    summary.clips(c, ids, game, window.from(), window.to()), top, vods.vods(),
                    vods.averageSeconds() == null ? null : ChannelAnalyticsService.round(vods.averageSeconds() / 3600),
                    vods.withMutedAudio(), summary.chatMessages(c, ids, window.from(), window.to()),
                    summary.topEmotes(c, ids, window.from(), window.to(), 5),
                    new Methodology("counts of what was collected", null, null, null, null,
                            "clips and VODs created in the window; chat messages and emotes in the window"));
        });
    }

    /** The same as plain text, like the seed printed it. */
    public static String text(Summary s) {
        StringBuilder out = new StringBuilder();
        out.append("Collection summary — ").append(s.scope()).append(", ").append(s.window().from()).append(" → ")
                .append(s.window().to()).append('\n');
        out.append("Channels: ").append(s.channels());
        if (!s.channelLogins().isEmpty()) {
            out.append(" (").append(String.join(", ", s.channelLogins())).append(')');
        }
        out.append('\n').append("Clips: ").append(s.clips()).append('\n');
        if (!s.topClips().isEmpty()) {
            out.append("Top clips:\n");
            for (int i = 0; i < s.topClips().size(); i++) {
                TopClip k = s.topClips().get(i);
                out.append(String.format(Locale.ROOT, "  %d. %,d views (%,.1f/day)  %s  \"%s\"  %s%n", i + 1, k.views(),
                        k.viewsPerDay(), k.channel(), k.title(), k.url()));
            }
        }
        out.append("VODs: ").append(s.vods());
        if (s.averageVodHours() != null) {
            out.append(String.format(Locale.ROOT, " (average length %.2f h)", s.averageVodHours()));
        }
        out.append('\n').append("VODs with muted audio: ").append(s.vodsWithMutedAudio()).append('\n');
        out.append(String.format(Locale.ROOT, "Chat messages: %,d%n", s.chatMessages()));
        if (!s.topEmotes().isEmpty()) {
            out.append("Top emotes: ");
            List<String> emotes = new ArrayList<>();
            s.topEmotes().forEach(e -> emotes.add(String.format(Locale.ROOT, "%s (%s) %,d", e.name(), e.provider(), e.uses())));
            out.append(String.join("; ", emotes)).append('\n');
        }
        return out.toString();
    }
}
