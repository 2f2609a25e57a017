package io.lurker.emulator.irc;

import io.lurker.emulator.world.Channel;
import io.lurker.emulator.world.LiveSnapshot;
import io.lurker.emulator.world.LiveStream;
import io.lurker.emulator.world.World;
import io.lurker.emulator.world.WorldData;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Generates the chat of every channel somebody has joined and writes it to the joined
 * connections, one batch per tick. A channel's rate follows its live viewers
 * ({@code messages-per-viewer-minute}, capped) times {@code scale}, or, in firehose mode, a share
 * of the configured total rate proportional to viewers + 1. A channel whose joined connections are
 * all gone, stalled or backed up generates nothing meanwhile, so what is counted as sent is exactly
 * what was written to at least one receptive connection ({@link #sent}).
 */
@ApplicationScoped
public class ChatTraffic {

    private static final Logger LOG = Logger.getLogger(ChatTraffic.class);

    private final World world;
    private final IrcServerConfig config;
    private final Map<String, Feed> feeds = new LinkedHashMap<>();
    private volatile boolean paused;
    private volatile double scale = 1.0;
    private volatile double firehoseRate;
    private WorldData linesData;
    private ChatLines lines;
    private Thread thread;
    private volatile boolean running;
    private IrcServer server;
    private long totalMessages;
    private long totalEvents;

    public ChatTraffic(World world, IrcServerConfig config) {
        this.world = world;
        this.config = config;
    }

    /** What one channel has sent since the counters were last reset. */
    static final class Feed {
        final String login;
        Channel channel;
        ChatLines.ChannelContext context;
        final Set<IrcSession> members = new LinkedHashSet<>();
        long seq;
        double credit;
        long messages;
        long events;
        final Map<String, Long> byKind = new TreeMap<>();
        /** Half-open [from, to) ranges of sequence numbers written. */
        final List<long[]> ranges = new ArrayList<>();

        Feed(String login) {
            this.login = login;
        }

        void recordSent(long from, long to) {
            if (from == to) {
                return;
            }
            if (!ranges.isEmpty() && ranges.get(ranges.size() - 1)[1] == from) {
                ranges.get(ranges.size() - 1)[1] = to;
            } else {
                ranges.add(new long[]{from, to});
            }
        }
    }

    void start(IrcServer server) {
        this.server = server;
        running = true;
        thread = new Thread(this::loop, "irc-traffic");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void loop() {
        long last = System.nanoTime();
        long tick = Math.max(5, config.tick().toMillis());
        while (running) {
            try {
                Thread.sleep(tick);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            double dt = Math.min(1.0, (now - last) / 1e9);
            last = now;
            try {
                tick(dt);
            } catch (RuntimeException e) {
                LOG.warnf(e, "IRC traffic tick failed");
            }
        }
    }

    synchronized void join(IrcSession session, Channel channel) {
        Feed feed = feeds.computeIfAbsent(channel.login(), Feed::new);
        feed.members.add(session);
    }

    synchronized void part(IrcSession session, String login) {
        Feed feed = feeds.get(login);
        if (feed != null) {
            feed.members.remove(session);
        }
    }

    synchronized void leaveAll(IrcSession session) {
        for (Feed feed : feeds.values()) {
            feed.members.remove(session);
        }
    }

    synchronized void tick(double dt) {
        WorldData data = world.data();
        if (data != linesData) {
            linesData = data;
            lines = new ChatLines(data);
            feeds.values().forEach(f -> f.context = null);
        }
        if (paused) {
            return;
        }
        LiveSnapshot live = world.live();
        long ts = world.now().toEpochMilli() + System.currentTimeMillis() % 1000;
        int maxQueue = config.writeQueueBytes();
        List<Feed> active = new ArrayList<>();
        double weights = 0;
        for (Feed feed : feeds.values()) {
            if (feed.members.stream().anyMatch(s -> s.receptive(maxQueue))) {
                if (feed.context == null) {
                    feed.channel = data.channelByLogin(feed.login);
                    if (feed.channel == null) {
                        continue;
                    }
                    feed.context = lines.context(feed.channel);
                }
                active.add(feed);
                weights += viewers(live, feed) + 1;
            } else {
                feed.credit = 0;
            }
        }
        double firehose = firehoseRate;
        for (Feed feed : active) {
            int viewers = viewers(live, feed);
            double rate;
            if (firehose > 0) {
                rate = firehose * (viewers + 1) / weights;
            } else {
                rate = viewers > 0 ? viewers * config.messagesPerViewerMinute() / 60.0 : config.offlineMessagesPerMinute() / 60.0;
                rate = Math.min(config.maxMessagesPerSecondPerChannel(), rate * scale);
            }
            feed.credit += rate * dt;
            int n = (int) feed.credit;
            if (n == 0) {
                continue;
            }
            feed.credit -= n;
            emit(feed, n, ts, maxQueue);
        }
    }

    private static int viewers(LiveSnapshot live, Feed feed) {
        LiveStream stream = live.stream(feed.channel.id());
        return stream == null ? 0 : stream.viewers();
    }

    private void emit(Feed feed, int n, long ts, int maxQueue) {
        List<IrcSession> receivers = new ArrayList<>();
        for (IrcSession s : feed.members) {
            if (s.receptive(maxQueue)) {
                receivers.add(s);
            }
        }
        if (receivers.isEmpty()) {
            return;
        }
        Buffer tagged = Buffer.buffer(n * 400);
        Buffer plain = null;
        boolean needPlain = receivers.stream().anyMatch(s -> !s.caps.contains("twitch.tv/tags")
                || !s.caps.contains("twitch.tv/commands"));
        if (needPlain) {
            plain = Buffer.buffer(n * 200);
        }
        long from = feed.seq;
        for (int i = 0; i < n; i++) {
            ChatLines.Line line = lines.line(feed.context, feed.seq++, ts);
            tagged.appendString(line.text(), "UTF-8").appendString("\r\n");
            if (line.kind() == ChatLines.Kind.PRIVMSG) {
                feed.messages++;
                totalMessages++;
                if (plain != null) {
                    String text = line.text();
                    plain.appendString(text.substring(text.indexOf(' ') + 1), "UTF-8").appendString("\r\n");
                }
            } else {
                feed.events++;
                totalEvents++;
            }
            feed.byKind.merge(line.kind().name().toLowerCase(java.util.Locale.ROOT), 1L, Long::sum);
        }
        feed.recordSent(from, feed.seq);
        for (IrcSession s : receivers) {
            boolean full = s.caps.contains("twitch.tv/tags") && s.caps.contains("twitch.tv/commands");
            s.sendRaw(full ? tagged.copy() : plain.copy());
        }
    }

    // ---- admin -------------------------------------------------------------------------

    public record Settings(boolean paused, double scale, double firehoseRate) {
    }

    public synchronized Settings settings() {
        return new Settings(paused, scale, firehoseRate);
    }

    public synchronized Settings configure(Boolean paused, Double scale, Double firehoseRate) {
        if (scale != null) {
            if (scale < 0 || scale.isNaN() || scale.isInfinite()) {
                throw new IllegalArgumentException("scale must be ≥ 0");
            }
            this.scale = scale;
        }
        if (firehoseRate != null) {
            if (firehoseRate < 0 || firehoseRate.isNaN() || firehoseRate > 2_000_000) {
                throw new IllegalArgumentException("firehose_rate must be between 0 (off) and 2000000 messages/s");
            }
            this.firehoseRate = firehoseRate;
        }
        if (paused != null) {
            this.paused = paused;
        }
        return settings();
    }

    public record ChannelCounts(long messages, long events, Map<String, Long> kinds, long nextSeq, int members) {
    }

    public synchronized Map<String, ChannelCounts> channelCounts() {
        Map<String, ChannelCounts> out = new TreeMap<>();
        feeds.forEach((login, f) -> {
            if (f.messages + f.events > 0 || !f.members.isEmpty()) {
                out.put(login, new ChannelCounts(f.messages, f.events, new TreeMap<>(f.byKind), f.seq, f.members.size()));
            }
        });
        return out;
    }

    public synchronized long[] totals() {
        return new long[]{totalMessages, totalEvents};
    }

    /** What a channel sent: PRIVMSG ids, USERNOTICE ids, counts of every kind. */
    public record Sent(String channel, long messages, long events, List<String> messageIds, List<String> usernoticeIds,
                       boolean truncated) {
    }

    public synchronized Sent sent(String login, int limit) {
        Feed feed = feeds.get(login);
        if (feed == null || feed.channel == null) {
            return new Sent(login, 0, 0, List.of(), List.of(), false);
        }
        List<String> messages = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        boolean truncated = false;
        long seed = linesData.seed();
        int index = feed.channel.index();
        outer:
        for (long[] range : feed.ranges) {
            for (long seq = range[0]; seq < range[1]; seq++) {
                if (messages.size() + notices.size() >= limit) {
                    truncated = true;
                    break outer;
                }
                ChatLines.Kind kind = lines.kindOf(index, seq);
                if (kind == ChatLines.Kind.PRIVMSG) {
                    messages.add(ChatLines.idOf(seed, index, seq));
                } else if (kind == ChatLines.Kind.USERNOTICE) {
                    notices.add(ChatLines.idOf(seed, index, seq));
                }
            }
        }
        return new Sent(login, feed.messages, feed.events, messages, notices, truncated);
    }

    public synchronized void resetCounters() {
        for (Feed feed : feeds.values()) {
            feed.messages = 0;
            feed.events = 0;
            feed.byKind.clear();
            feed.ranges.clear();
        }
        totalMessages = 0;
        totalEvents = 0;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
