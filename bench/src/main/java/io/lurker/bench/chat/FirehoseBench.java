package io.lurker.bench.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One chat-ingest instance moving the emulator's IRC firehose into RabbitMQ, every message
 * accounted for.
 *
 * <ol>
 * <li>Starts the packaged twitch-emulator (real clock) and chat-ingest (its own JVM, the real
 * publisher with confirms and fsync'd spool) on free ports, with a fresh exchange; chat-ingest
 * reads the C most watched live channels (JOIN limit raised to a verified bot's on both sides so
 * that the join phase is short).</li>
 * <li>Binds a consumer to {@code chat.message.*} and {@code chat.event.*} that decodes every batch
 * and counts records and distinct message ids per channel.</li>
 * <li>Sets the emulator's firehose to R messages/s for D seconds, then pauses it, and waits until
 * the broker has delivered everything the emulator reports as sent.</li>
 * </ol>
 * The emulator generates only while its TCP write queue to chat-ingest has room, so when
 * chat-ingest is slower than R the emulator slows down with it: the achieved rate is what the
 * emulator managed to send divided by the time until the last message reached the broker.
 *
 * Arguments: {@code --rate R --seconds D --channels C --size small}.
 */
public final class FirehoseBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        double rate = Double.parseDouble(opts.getOrDefault("rate", "60000"));
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "30"));
        int channels = Integer.parseInt(opts.getOrDefault("channels", "100"));
        String size = opts.getOrDefault("size", "small");
        Path root = findRoot();
        Path emulatorJar = root.resolve("twitch-emulator/target/quarkus-app/quarkus-run.jar");
        Path chatJar = root.resolve("chat-ingest/target/quarkus-app/quarkus-run.jar");
        Path key = root.resolve("token-pool/src/test/resources/lurker-test-public.pem");
        Path work = Files.createTempDirectory("firehose-bench");
        int emuPort = freePort();
        int ircPort = freePort();
        int chatPort = freePort();
        String adminKey = UUID.randomUUID().toString();
        String exchange = "lurker.events.bench." + UUID.randomUUID();
        String emu = "http://127.0.0.1:" + emuPort;
        List<Process> processes = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> processes.forEach(Process::destroy)));

        System.out.printf(Locale.ROOT, "firehose bench: rate %.0f msg/s for %d s over %d channels, world %s%n", rate, seconds,
                channels, size);
        processes.add(start(work.resolve("emulator.log").toFile(), List.of(java(), "-Xmx1g",
                "-Dquarkus.http.port=" + emuPort, "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.log.level=WARN",
                "-Dlurker.emulator.size=" + size, "-Dlurker.emulator.clock.mode=real", "-Dlurker.emulator.admin-key=" + adminKey,
                "-Dlurker.emulator.irc.port=" + ircPort, "-Dlurker.emulator.irc.tls-port=0", "-Dlurker.emulator.irc.host=127.0.0.1",
                "-Dlurker.emulator.irc.join-limit=2000", "-Dlurker.emulator.irc.write-queue-bytes=8388608",
                "-jar", emulatorJar.toString())));
        awaitHttp(emu + "/q/health/ready", 300);
        JsonNode live = get(emu + "/emulator/truth/streams", adminKey);
        List<String> logins = new ArrayList<>();
        for (JsonNode s : live.path("data")) {
            if (logins.size() < channels) {
                logins.add(s.path("user_login").asText());
            }
        }
        System.out.printf(Locale.ROOT, "emulator up: %d live channels, reading the top %d%n", live.path("total").asInt(), logins.size());

        Counting counting = new Counting();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        try (Connection amqp = factory.newConnection("firehose-bench")) {
            Channel ch = amqp.createChannel();
            ch.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true); // as chat-ingest declares it
            String queue = ch.queueDeclare("", false, true, true, null).getQueue();
            ch.queueBind(queue, exchange, "chat.message.*");
            ch.queueBind(queue, exchange, "chat.event.*");
            ch.basicQos(256);
            ch.basicConsume(queue, true, (tag, delivery) -> counting.batch(delivery.getEnvelope().getRoutingKey(),
                    delivery.getBody()), tag -> { });

            processes.add(start(work.resolve("chat-ingest.log").toFile(), List.of(java(), "-Xmx1g",
                    "-Dquarkus.http.port=" + chatPort, "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.log.level=INFO",
                    "-Dmp.jwt.verify.publickey.location=" + key, "-Dlurker.events.exchange=" + exchange,
                    "-Dlurker.chat.spool-dir=" + work.resolve("spool"), "-Dlurker.chat.redis-prefix=lurker-bench:" + UUID.randomUUID() + ":",
                    "-Dlurker.twitch.irc-host=127.0.0.1", "-Dlurker.twitch.irc-port=" + ircPort, "-Dlurker.twitch.irc-tls=false",
                    "-Dlurker.twitch.bttv-url=" + emu + "/bttv/3", "-Dlurker.twitch.ffz-url=" + emu + "/ffz/v1",
                    "-Dlurker.twitch.seventv-url=" + emu + "/7tv/v3", "-Dlurker.twitch.id-url=" + emu + "/oauth2",
                    "-Dlurker.chat.watchlist.analytics-url=", "-Dlurker.chat.watchlist.channels=" + String.join(",", logins),
                    "-Dlurker.chat.irc.join-limit=2000", "-Dlurker.chat.irc.connection-open-interval=200ms",
                    "-Dlurker.chat.lease.heartbeat=1s",
                    "-jar", chatJar.toString())));
            awaitHttp("http://127.0.0.1:" + chatPort + "/q/health/ready", 300);
            // joined = the emulator sees every channel on some connection, after the ROOMSTATEs
            long joinDeadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            int joined = 0;
            while (System.nanoTime() < joinDeadline) {
                joined = 0;
                for (JsonNode c : get(emu + "/emulator/irc/connections", adminKey)) {
                    joined += c.path("channels").size();
                }
                if (joined >= logins.size()) {
                    break;
                }
                Thread.sleep(500);
            }
            System.out.printf(Locale.ROOT, "chat-ingest joined %d channels%n", joined);
            Thread.sleep(3000); // emote sets fetched, ROOMSTATE events published
            send("DELETE", emu + "/emulator/irc/counters", adminKey, null);
            counting.reset();

            long start = System.nanoTime();
            send("PUT", emu + "/emulator/irc/traffic", adminKey, "{\"paused\":false,\"firehose_rate\":" + rate + "}");
            for (int s = 1; s <= seconds; s++) {
                Thread.sleep(1000);
                if (s % 5 == 0) {
                    System.out.printf(Locale.ROOT, "  t=%2ds sent %,d received %,d%n", s,
                            get(emu + "/emulator/irc/counters", adminKey).path("messages").asLong(), counting.records.sum());
                }
            }
            send("PUT", emu + "/emulator/irc/traffic", adminKey, "{\"paused\":true,\"firehose_rate\":0}");
            long generationEnd = System.nanoTime();
            JsonNode counters = get(emu + "/emulator/irc/counters", adminKey);
            long sentMessages = counters.path("messages").asLong();
            long sentEvents = counters.path("events").asLong();
            long drainDeadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (counting.distinct() < sentMessages && System.nanoTime() < drainDeadline) {
                Thread.sleep(100);
            }
            long end = counting.lastArrival.get();
            double elapsed = (end - start) / 1e9;
            Map<String, Long> perChannelSent = new TreeMap<>();
            counters.path("channels").fields().forEachRemaining(e -> perChannelSent.put(e.getKey(), e.getValue().path("messages").asLong()));
            int mismatched = 0;
            for (Map.Entry<String, Long> e : perChannelSent.entrySet()) {
                long got = counting.distinctOf(e.getKey());
                if (got != e.getValue()) {
                    mismatched++;
                    if (mismatched <= 5) {
                        System.out.printf(Locale.ROOT, "  mismatch %s: sent %d, arrived %d%n", e.getKey(), e.getValue(), got);
                    }
                }
            }
            System.out.println();
            System.out.printf(Locale.ROOT, "generation window          %.1f s (firehose asked %.0f msg/s)%n", (generationEnd - start) / 1e9, rate);
            System.out.printf(Locale.ROOT, "PRIVMSG sent by emulator   %,d (+ %,d USERNOTICE/CLEARCHAT/CLEARMSG)%n", sentMessages, sentEvents);
            System.out.printf(Locale.ROOT, "messages on the broker     %,d records, %,d distinct ids, %d channels mismatched%n",
                    counting.records.sum(), counting.distinct(), mismatched);
            System.out.printf(Locale.ROOT, "events on the broker       %,d records%n", counting.events.sum());
            System.out.printf(Locale.ROOT, "first send → last arrival  %.1f s%n", elapsed);
            System.out.printf(Locale.ROOT, "end-to-end rate            %,.0f msg/s (PRIVMSG); %,.0f lines/s incl. events%n",
                    sentMessages / elapsed, (sentMessages + sentEvents) / elapsed);
            System.out.printf(Locale.ROOT, "every message accounted    %s%n", counting.distinct() == sentMessages && mismatched == 0 ? "yes" : "NO");
            System.out.println("logs: " + work);
            ch.exchangeDelete(exchange);
        } finally {
            processes.forEach(Process::destroy);
        }
    }

    /** Counts records per channel and distinct message ids (64-bit hash of the id). */
    static final class Counting {
        final LongAdder records = new LongAdder();
        final LongAdder events = new LongAdder();
        final AtomicLong lastArrival = new AtomicLong();
        final Map<String, LongSet> ids = new ConcurrentHashMap<>();

        void reset() {
            records.reset();
            events.reset();
            ids.clear();
        }

        void batch(String routingKey, byte[] body) throws IOException {
            lastArrival.set(System.nanoTime());
            JsonNode root = JSON.readTree(body);
            if (routingKey.startsWith("chat.message.")) {
                String channel = routingKey.substring("chat.message.".length());
                LongSet set = ids.computeIfAbsent(channel, k -> new LongSet());
                for (JsonNode m : root.path("messages")) {
                    records.increment();
                    set.add(hash(m.path("id").asText()));
                }
            } else {
                events.add(root.path("events").size());
            }
        }

        long distinct() {
            long n = 0;
            for (LongSet s : ids.values()) {
                n += s.size();
            }
            return n;
        }

        long distinctOf(String channel) {
            LongSet s = ids.get(channel);
            return s == null ? 0 : s.size();
        }

        static long hash(String id) {
            long h = 0xcbf29ce484222325L;
            for (int i = 0; i < id.length(); i++) {
                h ^= id.charAt(i);
                h *= 0x100000001b3L;
            }
            return h == 0 ? 1 : h;
        }
    }

    /** Open-addressing set of non-zero longs. */
    static final class LongSet {
        private long[] table = new long[1024];
        private int size;

        synchronized void add(long v) {
            if (size * 2 >= table.length) {
                long[] old = table;
                table = new long[old.length * 2];
                size = 0;
                for (long o : old) {
                    if (o != 0) {
                        insert(o);
                    }
                }
            }
            insert(v);
        }

        private void insert(long v) {
            int mask = table.length - 1;
            int i = (int) (v ^ (v >>> 32)) & mask;
            while (table[i] != 0) {
                if (table[i] == v) {
                    return;
                }
                i = (i + 1) & mask;
            }
            table[i] = v;
            size++;
        }

        synchronized int size() {
            return size;
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Process start(File log, List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
    }

    private static void awaitHttp(String url, int seconds) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not yet
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException(url + " not ready in " + seconds + " s");
    }

    private static JsonNode get(String url, String adminKey) throws Exception {
        return JSON.readTree(send("GET", url, adminKey, null));
    }

    private static String send(String method, String url, String adminKey, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("X-Emulator-Admin-Key", adminKey);
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + " → " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Path findRoot() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("chat-ingest")) && Files.isDirectory(dir.resolve("twitch-emulator"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run from inside the repository");
    }
}
