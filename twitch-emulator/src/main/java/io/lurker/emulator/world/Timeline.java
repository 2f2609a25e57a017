package io.lurker.emulator.world;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The materialised history of a world: sessions, clips and videos between two instants,
 * indexed per channel and per game and sorted by time so that a window is a binary search.
 * Immutable; a world that lives past its horizon gets a new, extended timeline.
 */
public final class Timeline {

    static final Comparator<Clip> CLIP_TIME = Comparator.comparing(Clip::createdAt).thenComparing(Clip::id);
    static final Comparator<Video> VIDEO_TIME = Comparator.comparing(Video::createdAt).thenComparing(Video::id);

    private final Instant from;
    private final Instant to;
    private final List<Session> sessions;
    private final List<Clip> clips;
    private final List<Video> videos;
    private final Session[][] sessionsByChannel;
    private final Clip[][] clipsByChannel;
    private final Clip[][] clipsByGame;
    private final Video[][] videosByChannel;
    private final Video[][] archivesByChannel;
    private final Video[][] videosByGame;
    private final Map<String, Clip> clipById;
    private final Map<String, Video> videoById;
    private final Map<String, Session> sessionById;

    Timeline(Instant from, Instant to, int channels, int games, Collection<Session> sessions, Collection<Clip> clips,
             Collection<Video> videos) {
        this.from = from;
        this.to = to;
        this.sessions = List.copyOf(sessions);
        this.clips = List.copyOf(clips);
        this.videos = List.copyOf(videos);
        List<List<Session>> sessionLists = lists(channels);
        sessionById = new HashMap<>(sessions.size() * 2);
        for (Session session : sessions) {
            sessionLists.get(session.channel().index()).add(session);
            sessionById.put(session.streamId(), session);
        }
        sessionsByChannel = new Session[channels][];
        for (int i = 0; i < channels; i++) {
            List<Session> list = sessionLists.get(i);
            list.sort(Comparator.comparing(Session::start));
            sessionsByChannel[i] = list.toArray(new Session[0]);
        }
        Clip[] sortedClips = clips.toArray(new Clip[0]);
        Arrays.sort(sortedClips, CLIP_TIME);
        List<List<Clip>> byChannel = lists(channels);
        List<List<Clip>> byGame = lists(games);
        clipById = new HashMap<>(sortedClips.length * 2);
        for (Clip clip : sortedClips) {
            byChannel.get(clip.broadcaster().index()).add(clip);
            byGame.get(clip.gameIndex()).add(clip);
            clipById.put(clip.id(), clip);
        }
        clipsByChannel = toClipArrays(byChannel);
        clipsByGame = toClipArrays(byGame);
        Video[] sortedVideos = videos.toArray(new Video[0]);
        Arrays.sort(sortedVideos, VIDEO_TIME);
        List<List<Video>> vByChannel = lists(channels);
        List<List<Video>> aByChannel = lists(channels);
        List<List<Video>> vByGame = lists(games);
        videoById = new HashMap<>(sortedVideos.length * 2);
        for (Video video : sortedVideos) {
            vByChannel.get(video.owner().index()).add(video);
            if ("archive".equals(video.type())) {
                aByChannel.get(video.owner().index()).add(video);
            }
            vByGame.get(video.gameIndex()).add(video);
            videoById.put(video.id(), video);
        }
        videosByChannel = toVideoArrays(vByChannel);
        archivesByChannel = toVideoArrays(aByChannel);
        videosByGame = toVideoArrays(vByGame);
    }

    private static <T> List<List<T>> lists(int n) {
        List<List<T>> lists = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            lists.add(new ArrayList<>());
        }
        return lists;
    }

    private static Clip[][] toClipArrays(List<List<Clip>> lists) {
        Clip[][] arrays = new Clip[lists.size()][];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = lists.get(i).toArray(new Clip[0]);
        }
        return arrays;
    }

    private static Video[][] toVideoArrays(List<List<Video>> lists) {
        Video[][] arrays = new Video[lists.size()][];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = lists.get(i).toArray(new Video[0]);
        }
        return arrays;
    }

    public Instant from() {
        return from;
    }

    public Instant to() {
        return to;
    }

    public List<Session> sessions() {
        return sessions;
    }

    public List<Clip> clips() {
        return clips;
    }

    public List<Video> videos() {
        return videos;
    }

    public Session[] sessionsOf(int channel) {
        return sessionsByChannel[channel];
    }

    public Clip[] clipsOfChannel(int channel) {
        return clipsByChannel[channel];
    }

    public Clip[] clipsOfGame(int game) {
        return clipsByGame[game];
    }

    public Video[] videosOfChannel(int channel) {
        return videosByChannel[channel];
    }

    public Video[] archivesOfChannel(int channel) {
        return archivesByChannel[channel];
    }

    public Video[] videosOfGame(int game) {
        return videosByGame[game];
    }

    public Clip clip(String id) {
        return clipById.get(id);
    }

    public Video video(String id) {
        return videoById.get(id);
    }

    public Session session(String streamId) {
        return sessionById.get(streamId);
    }

    /** The session live at {@code t}, or the last one that started before it; null when none. */
    public Session sessionAtOrBefore(int channel, Instant t) {
        Session[] list = sessionsByChannel[channel];
        int lo = 0;
        int hi = list.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (!list[mid].start().isAfter(t)) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? null : list[found];
    }

    /** Index of the first element created at or after {@code t} in a time-sorted array. */
    static int lowerBound(Clip[] clips, Instant t) {
        int lo = 0;
        int hi = clips.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (clips[mid].createdAt().isBefore(t)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index of the first element created after {@code t}. */
    static int upperBound(Clip[] clips, Instant t) {
        int lo = 0;
        int hi = clips.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (!clips[mid].createdAt().isAfter(t)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static int upperBound(Video[] videos, Instant t) {
        int lo = 0;
        int hi = videos.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (!videos[mid].createdAt().isAfter(t)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
