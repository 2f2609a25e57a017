package io.lurker.gql.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lurker.contracts.Schema;
import io.lurker.contracts.chat.ChatMessage;
import io.lurker.contracts.chat.ChatReplayBatch;
import io.lurker.gql.config.GqlConfig;
import io.lurker.gql.messaging.ReplayPublisher;
import io.lurker.gql.repository.ReplayProgressStore;
import io.lurker.gql.repository.ReplayProgressStore.Progress;
import io.lurker.tokenpool.problem.ProblemException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * VOD chat replay: pages through a video's comments (by offset first, then by cursor, as
 * Twitch's player does), publishes each page as a {@link ChatReplayBatch} on
 * {@code chat.replay.<video_id>} and, once the broker confirmed it, records the position in
 * Redis. A stopped job (cancelled, failed, or the service restarted) continues from the last
 * confirmed page; at worst a page is published twice, with the same message ids, which
 * analytics stores once. The last batch carries {@code complete=true}.
 */
@ApplicationScoped
public class ReplayService {

    private static final Logger LOG = Logger.getLogger(ReplayService.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String COMMENTS = "VideoCommentsByOffsetOrCursor";

    private final GqlExecutor gql;
    private final ReplayPublisher publisher;
    private final ReplayProgressStore store;
    private final GqlConfig config;
    private final ExecutorService jobs;
    private final Map<String, Boolean> running = new ConcurrentHashMap<>();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final String owner = UUID.randomUUID().toString();

    private final GqlMetrics metrics;

    public ReplayService(GqlExecutor gql, ReplayPublisher publisher, ReplayProgressStore store, GqlConfig config, GqlMetrics metrics) {
        this.metrics = metrics;
        this.gql = gql;
        this.publisher = publisher;
        this.store = store;
        this.config = config;
        this.jobs = Executors.newFixedThreadPool(Math.max(1, config.replay().maxJobs()), r -> {
            Thread t = new Thread(r, "gql-replay");
            t.setDaemon(true);
            return t;
        });
    }

    void resume(@Observes StartupEvent event) {
        if (!config.enabled() || !config.replay().resumeOnStart()) {
            return;
        }
        for (Progress progress : store.all()) {
            if (Progress.RUNNING.equals(progress.state())) {
                LOG.infof("Resuming the chat replay of video %s at %d comments", progress.videoId(), progress.commentsPublished());
                submit(progress.videoId());
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        cancelled.addAll(running.keySet());
        jobs.shutdown();
        try {
            jobs.awaitTermination(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts (or resumes) a video's replay; {@code restart} forgets earlier progress first. */
    public Progress start(String videoId, boolean restart) {
        gql.requireEnabled();
        TypedQueries.requireVideoId(videoId);
        if (restart) {
            if (running.containsKey(videoId)) {
                throw ProblemException.conflict("The replay of video " + videoId + " is running; cancel it before restarting");
            }
            store.delete(videoId);
        }
        Progress progress = store.load(videoId).orElse(null);
        if (progress != null && Progress.COMPLETE.equals(progress.state())) {
            return progress;
        }
        Progress marked = progress == null
                ? new Progress(videoId, Progress.RUNNING, null, null, null, 0, 0, 0, null, Instant.now(), Instant.now(), null, null)
                : progress.with(Progress.RUNNING, null);
        store.save(marked);
        submit(videoId);
        return marked;
    }

    /** Stops a running job after its current page; its progress stays for a later start. */
    public Progress cancel(String videoId) {
        gql.requireEnabled();
        TypedQueries.requireVideoId(videoId);
        Progress progress = store.load(videoId).orElseThrow(() -> ProblemException.notFound("No replay of video " + videoId));
        if (running.containsKey(videoId)) {
            cancelled.add(videoId);
        } else if (Progress.RUNNING.equals(progress.state())) {
            progress = progress.with(Progress.PAUSED, null);
            store.save(progress);
        }
        return progress;
    }

    public Progress progress(String videoId) {
        gql.requireEnabled();
        TypedQueries.requireVideoId(videoId);
        return store.load(videoId).orElseThrow(() -> ProblemException.notFound("No replay of video " + videoId));
    }

    public List<Progress> all() {
        gql.requireEnabled();
        return store.all();
    }

    /** Whether this instance is running the job now. */
    public boolean active(String videoId) {
        return running.containsKey(videoId);
    }

    private void submit(String videoId) {
        if (running.putIfAbsent(videoId, Boolean.TRUE) != null) {
            return;
        }
        cancelled.remove(videoId);
        jobs.submit(() -> {
            try {
                run(videoId);
            } finally {
                running.remove(videoId);
                cancelled.remove(videoId);
            }
        });
    }

    private void run(String videoId) {
        if (!store.lock(videoId, owner, config.replay().lockTtl())) {
            LOG.infof("The replay of video %s runs on another replica", videoId);
            return;
        }
        Progress progress = store.load(videoId).orElse(null);
        try {
            if (progress == null || Progress.COMPLETE.equals(progress.state())) {
                return;
            }
            if (progress.channelId() == null) {
                JsonNode video = gql.execute(new GqlCall("VideoMetadata", vars().put("channelLogin", "").put("videoID", videoId)))
                        .path("video");
                if (video.isNull() || video.isMissingNode()) {
                    store.save(progress.with(Progress.FAILED, "No video " + videoId));
                    return;
                }
                progress = new Progress(videoId, Progress.RUNNING, video.path("owner").path("id").asText(),
                        video.path("owner").path("login").asText(), null, 0, 0, 0, video.path("lengthSeconds").asLong(),
                        progress.startedAt(), Instant.now(), null, null);
                store.save(progress);
            }
            while (true) {
                if (cancelled.contains(videoId)) {
                    store.save(progress.with(Progress.PAUSED, null));
                    LOG.infof("Chat replay of video %s paused at %d comments", videoId, progress.commentsPublished());
                    return;
                }
                ObjectNode variables = vars().put("videoID", videoId);
                if (progress.cursor() == null) {
                    variables.put("contentOffsetSeconds", progress.lastOffsetSeconds());
                } else {
                    variables.put("cursor", progress.cursor());
                }
                JsonNode comments = gql.execute(new GqlCall(COMMENTS, variables)).path("video").path("comments");
                Instant now = Instant.now();
                List<ChatMessage> messages = new ArrayList<>();
                int refused = 0;
                String cursor = progress.cursor();
                int offset = progress.lastOffsetSeconds();
                for (JsonNode edge : comments.path("edges")) {
                    JsonNode node = edge.path("node");
                    // a refused comment still moves the cursor: the next page starts after it
                    cursor = edge.hasNonNull("cursor") ? edge.path("cursor").asText() : cursor;
                    try {
                        messages.add(ReplayMessages.toMessage(node, videoId, progress.channelId(), progress.channelLogin(), now));
                    } catch (MalformedCommentException e) {
                        // counted and logged, never silently: the rest of the page still travels
                        refused++;
                        LOG.warnf("Chat replay of video %s: a comment was refused: %s", videoId, e.getMessage());
                        continue;
                    }
                    offset = Math.max(offset, node.path("contentOffsetSeconds").asInt());
                }
                boolean last = !comments.path("pageInfo").path("hasNextPage").asBoolean(false) || cursor == null;
                long sequence = progress.batchesPublished() + 1;
                publisher.publish(new ChatReplayBatch(Schema.CURRENT, videoId + ":" + sequence, videoId, progress.channelId(),
                        progress.channelLogin(), now, messages, last));
                metrics.replayPage(messages.size(), refused);
                progress = new Progress(videoId, last ? Progress.COMPLETE : Progress.RUNNING, progress.channelId(),
                        progress.channelLogin(), cursor, offset, progress.commentsPublished() + messages.size(), sequence,
                        progress.lengthSeconds(), progress.startedAt(), now, last ? now : null, null);
                store.save(progress);
                store.lock(videoId, owner, config.replay().lockTtl());
                if (last) {
                    LOG.infof("Chat replay of video %s complete: %d comments in %d batches", videoId,
                            progress.commentsPublished(), progress.batchesPublished());
                    return;
                }
            }
        } catch (ProblemException e) {
            LOG.warnf("Chat replay of video %s stopped: %s", videoId, e.getMessage());
            store.save((progress == null ? store.load(videoId).orElseThrow() : progress).with(Progress.FAILED, e.getMessage()));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Chat replay of video %s failed", videoId);
            if (progress != null) {
                store.save(progress.with(Progress.FAILED, "unexpected error: " + e.getClass().getSimpleName()));
            }
        } finally {
            store.unlock(videoId, owner);
        }
    }

    private static ObjectNode vars() {
        return JSON.createObjectNode();
    }
}
