package io.lurker.bench.drills;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.lurker.bench.analytics.BenchTokens;
import io.lurker.bench.analytics.ChatCorpus;
import io.lurker.contracts.EventJson;
import io.lurker.contracts.RoutingKeys;
import io.lurker.contracts.chat.ChatMessage;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fault drill of the chat path: chat batches are published to RabbitMQ as chat-ingest publishes
 * them (publisher confirms; a batch not confirmed is published again, so delivery is at least once)
 * while analytics-service (the packaged jar, started here) stores them and a client polls the
 * analytics API ({@code GET /api/v1/watchlist}, which reads the database). Mid-stream a fault is injected: {@code kill -9} of analytics-service (restarted
 * after a pause, as a supervisor would) or a shell command (restart of RabbitMQ, Redis or
 * PostgreSQL). At the end it prints the table: sent, accepted (confirmed by the broker),
 * stored, lost (accepted − stored distinct), duplicates (rows − distinct ids), API errors, the
 * longest API outage and the recovery time (fault → API answering and everything accepted before
 * the fault stored).
 *
 * <p>Arguments (all optional): {@code --name drill --service-jar PATH --messages 60000 --rate 2000
 * --batch 100 --channels 200 --fault-at 0.4 --kill-analytics true|false --restart-after-ms 3000
 * --fault-cmd "shell command" --amqp-port 5672 --pg-port 5432 --redis-url redis://127.0.0.1:6379
 * --http-port 18087 --run-id ID}.
 */
public final class ChatDrill {

    /** What a drill measured. */
    public record Result(String name, long sent, long accepted, long stored, long distinct, long publishRetries,
            long apiRequests, long apiErrors, Duration longestApiOutage, Duration recovery, Duration drain) {

        public long lost() {
            return accepted - distinct;
        }

        public long duplicates() {
            return stored - distinct;
        }

        public static String header() {
            return "| drill | sent | accepted | stored | lost | duplicates | publish retries | API errors / requests | longest API outage | recovery | drain after last publish |\n"
                    + "|---|---|---|---|---|---|---|---|---|---|---|";
        }

        public String row() {
            return String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %,d | %,d | %,d | %,d / %,d | %.1f s | %s | %.1f s |", name, sent,
                    accepted, stored, lost(), duplicates(), publishRetries, apiErrors, apiRequests,
                    longestApiOutage.toMillis() / 1000.0, recovery == null ? "not recovered" : String.format(Locale.ROOT, "%.1f s",
                            recovery.toMillis() / 1000.0), drain.toMillis() / 1000.0);
        }
    }

    private final String name;
    private final Path serviceJar;
    private final int messages;
    private final int rate;
    private final int batch;
    private final int channels;
    private final double faultAt;
    private final boolean killAnalytics;
    private final long restartAfterMs;
    private final String faultCommand;
    private final int amqpPort;
    private final int pgPort;
    private final int httpPort;
    private final String redisUrl;
    private final String runId;
    private final String schema;
    private final String exchange;
    private final String queuePrefix;
    private final Path logDir;

    private volatile Process service;
    private final BenchTokens tokens;
    private final Path publicKey;

    public ChatDrill(String[] args) throws Exception {
        this.name = arg(args, "--name", "drill");
        this.serviceJar = Path.of(arg(args, "--service-jar", "analytics-service/target/quarkus-app/quarkus-run.jar"));
        this.messages = Integer.parseInt(arg(args, "--messages", "60000"));
        this.rate = Integer.parseInt(arg(args, "--rate", "2000"));
        this.batch = Integer.parseInt(arg(args, "--batch", "100"));
        this.channels = Integer.parseInt(arg(args, "--channels", "200"));
        this.faultAt = Double.parseDouble(arg(args, "--fault-at", "0.4"));
        this.killAnalytics = Boolean.parseBoolean(arg(args, "--kill-analytics", "false"));
        this.restartAfterMs = Long.parseLong(arg(args, "--restart-after-ms", "3000"));
        this.faultCommand = arg(args, "--fault-cmd", "");
        this.amqpPort = Integer.parseInt(arg(args, "--amqp-port", "5672"));
        this.pgPort = Integer.parseInt(arg(args, "--pg-port", "5432"));
        int port = Integer.parseInt(arg(args, "--http-port", "18087"));
        if (port == 0) {
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                port = free.getLocalPort();
            }
        }
        this.httpPort = port;
        this.redisUrl = arg(args, "--redis-url", "redis://127.0.0.1:6379");
        this.runId = arg(args, "--run-id", Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36));
        this.logDir = Path.of(arg(args, "--log-dir", "bench/target/drills"));
        this.schema = "analytics_drill_" + runId;
        this.exchange = "lurker.events.drill." + runId;
        this.queuePrefix = "analytics-drill-" + runId + ".";
        this.tokens = new BenchTokens();
        this.publicKey = tokens.writePublicKey();
    }

    public static void main(String[] args) throws Exception {
        Result result = new ChatDrill(args).run();
        System.out.println(Result.header());
        System.out.println(result.row());
        System.exit(result.lost() == 0 && result.duplicates() == 0 && result.recovery() != null ? 0 : 1);
    }

    public Result run() throws Exception {
        logDir.toFile().mkdirs();
        service = startService(1);
        String readToken = tokens.token("read");
        AtomicBoolean publishing = new AtomicBoolean(true);
        AtomicLong apiRequests = new AtomicLong();
        AtomicLong apiErrors = new AtomicLong();
        AtomicLong longestOutage = new AtomicLong();
        AtomicLong lastOk = new AtomicLong(System.nanoTime());
        AtomicLong firstOkAfterFault = new AtomicLong();
        AtomicLong faultAtNanos = new AtomicLong();
        Thread poller = new Thread(() -> poll(readToken, publishing, apiRequests, apiErrors, longestOutage, lastOk,
                faultAtNanos, firstOkAfterFault), "drill-poller");
        poller.setDaemon(true);
        poller.start();

        ChatCorpus corpus = new ChatCorpus(7, channels, 50_000);
        long sent = 0;
        long accepted = 0;
        long acceptedAtFault = -1;
        long retries = 0;
        boolean faulted = false;
        Thread restarter = null;
        Instant base = Instant.now().minus(Duration.ofMinutes(30));
        long started = System.nanoTime();
        Publisher publisher = new Publisher();
        List<List<ChatMessage>> open = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            open.add(new ArrayList<>(batch));
        }
        for (int i = 0; i < messages; i++) {
            int c = corpus.channel();
            ChatMessage m = corpus.message(c, base.plusMillis(i));
            sent++;
            List<ChatMessage> buffer = open.get(c);
            buffer.add(m);
            if (buffer.size() == batch || i == messages - 1) {
                retries += publisher.publishUntilConfirmed(c, buffer);
                accepted += buffer.size();
                buffer.clear();
            }
            if (!faulted && i >= messages * faultAt) {
                faulted = true;
                acceptedAtFault = accepted;
                storedTarget = accepted;
                faultAtNanos.set(System.nanoTime());
                restarter = injectFault();
            }
            long due = started + (long) ((i + 1) * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 1_000_000) {
                Thread.sleep(wait / 1_000_000);
            }
        }
        for (int c = 0; c < channels; c++) {
            if (!open.get(c).isEmpty()) {
                retries += publisher.publishUntilConfirmed(c, open.get(c));
                accepted += open.get(c).size();
                open.get(c).clear();
            }
        }
        publisher.close();
        long publishedAt = System.nanoTime();
        if (restarter != null) {
            restarter.join();
        }

        // wait until everything accepted is stored (or nothing moves for 60 s)
        long[] counts = counts();
        long lastChange = System.nanoTime();
        long recoveredAt = 0;
        long previous = counts[1];
        while (counts[1] < accepted && System.nanoTime() - lastChange < Duration.ofSeconds(60).toNanos()) {
            Thread.sleep(500);
            counts = counts();
            if (counts[1] != previous) {
                previous = counts[1];
                lastChange = System.nanoTime();
            }
        }
        long drainedAt = System.nanoTime();
        Duration recovery = recovery(acceptedAtFault, faultAtNanos.get(), firstOkAfterFault);
        publishing.set(false);
        poller.join(5000);
        counts = counts();
        stopService();
        cleanUp();
        return new Result(name, sent, accepted, counts[0], counts[1], retries, apiRequests.get(), apiErrors.get(),
                Duration.ofNanos(longestOutage.get()), recovery, Duration.ofNanos(drainedAt - publishedAt));
    }

    /** Fault → the API answers again and every message accepted before the fault is stored. */
    private Duration recovery(long acceptedAtFault, long faultNanos, AtomicLong firstOkAfterFault) throws Exception {
        if (faultNanos == 0) {
            return Duration.ZERO;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (firstOkAfterFault.get() != 0 && storedAtLeastNanos != 0) {
                return Duration.ofNanos(Math.max(firstOkAfterFault.get(), storedAtLeastNanos) - faultNanos);
            }
            Thread.sleep(200);
        }
        return null;
    }

    private volatile long storedAtLeastNanos;
    private volatile long storedTarget = Long.MAX_VALUE;

    private Thread injectFault() throws Exception {
        System.out.printf(Locale.ROOT, "[%s] injecting the fault%n", name);
        Thread watcher;
        if (killAnalytics) {
            Process victim = service;
            victim.destroyForcibly(); // SIGKILL
            victim.waitFor();
            Thread restart = new Thread(() -> {
                try {
                    Thread.sleep(restartAfterMs);
                    service = startService(2);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "drill-restart");
            restart.start();
            watcher = restart;
        } else {
            Thread command = new Thread(() -> {
                try {
                    Process p = new ProcessBuilder("bash", "-c", faultCommand).inheritIO().start();
                    p.waitFor();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "drill-fault");
            command.start();
            watcher = command;
        }
        return watcher;
    }

    private void poll(String token, AtomicBoolean running, AtomicLong requests, AtomicLong errors, AtomicLong longest,
            AtomicLong lastOk, AtomicLong faultAt, AtomicLong firstOkAfterFault) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (running.get()) {
            boolean ok;
            try {
                // the watchlist answers 200 whenever the service and its database work
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                        + "/api/v1/watchlist")).timeout(Duration.ofSeconds(5))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                ok = answer.statusCode() == 200;
            } catch (Exception e) {
                ok = false;
            }
            requests.incrementAndGet();
            long now = System.nanoTime();
            if (ok) {
                lastOk.set(now);
                if (faultAt.get() != 0 && firstOkAfterFault.get() == 0 && now > faultAt.get() + 500_000_000L) {
                    firstOkAfterFault.set(now);
                }
            } else {
                errors.incrementAndGet();
                longest.accumulateAndGet(now - lastOk.get(), Math::max);
            }
            try {
                if (faultAt.get() != 0 && storedAtLeastNanos == 0) {
                    long[] counts = counts();
                    if (counts[1] >= storedTarget) {
                        storedAtLeastNanos = System.nanoTime();
                    }
                }
            } catch (Exception e) {
                // the database may be the fault
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Rows and distinct message ids stored. */
    private long[] counts() throws Exception {
        try (var db = DriverManager.getConnection(jdbc(), "postgres", ""); Statement st = db.createStatement()) {
            st.setQueryTimeout(10);
            try (ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT message_id) FROM " + schema + ".chat_message")) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        } catch (java.sql.SQLException e) {
            return new long[] {0, 0};
        }
    }

    private String jdbc() {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/test";
    }

    private Process startService(int generation) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m",
                "-Dquarkus.http.port=" + httpPort,
                "-Dquarkus.profile=drill",
                "-Dlurker.events.exchange=" + exchange,
                "-Dlurker.analytics.queue-prefix=" + queuePrefix,
                "-Dlurker.analytics.dead-letter-exchange=lurker.analytics.dlx.drill." + runId,
                "-Dlurker.analytics.schema=" + schema,
                "-Dquarkus.datasource.jdbc.url=" + jdbc() + "?currentSchema=" + schema + "&ApplicationName=analytics-drill",
                "-Drabbitmq-port=" + amqpPort,
                "-Drabbitmq-host=127.0.0.1",
                "-Dquarkus.redis.hosts=" + redisUrl,
                "-Dlurker.analytics.helix-gateway-url=http://127.0.0.1:9",
                "-Dmp.jwt.verify.publickey.location=" + publicKey.toUri(),
                "-jar", serviceJar.toString()));
        File log = logDir.resolve(name.replaceAll("[^A-Za-z0-9]+", "-") + "-analytics-" + generation + ".log").toFile();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("analytics-service exited; see " + log);
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return process;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        process.destroyForcibly();
        throw new IllegalStateException("analytics-service did not become ready; see " + log);
    }

    private void stopService() throws Exception {
        Process p = service;
        if (p != null) {
            p.destroy();
            p.waitFor();
        }
    }

    private void cleanUp() {
        try (var db = DriverManager.getConnection(jdbc(), "postgres", ""); Statement st = db.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (Exception e) {
            System.err.println("could not drop " + schema + ": " + e.getMessage());
        }
        ConnectionFactory factory = factory();
        try (Connection amqp = factory.newConnection(); Channel channel = amqp.createChannel()) {
            for (String q : List.of("chat-message", "chat-event", "chat-replay", "stream-snapshot", "stream-event",
                    "catalog-channel", "catalog-clip", "catalog-clip-views", "catalog-vod", "catalog-category")) {
                channel.queueDelete(queuePrefix + q);
                channel.queueDelete(queuePrefix + q + ".dlq");
            }
            channel.exchangeDelete(exchange);
            channel.exchangeDelete("lurker.analytics.dlx.drill." + runId);
        } catch (Exception e) {
            System.err.println("could not delete the drill's queues: " + e.getMessage());
        }
    }

    private ConnectionFactory factory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(amqpPort);
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setAutomaticRecoveryEnabled(false);
        factory.setConnectionTimeout(5000);
        return factory;
    }

    /** Publishes batches with confirms; a batch whose confirm is missing is published again on a new connection. */
    private final class Publisher {

        private Connection connection;
        private Channel channel;
        private final AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .contentType("application/json").deliveryMode(2).build();

        long publishUntilConfirmed(int c, List<ChatMessage> messages) throws Exception {
            String login = ChatCorpus.channelLogin(c);
            byte[] body = EventJson.mapper().writeValueAsBytes(ChatCorpus.batch(login, List.copyOf(messages)));
            long retries = 0;
            while (true) {
                try {
                    if (channel == null || !channel.isOpen()) {
                        open();
                    }
                    channel.basicPublish(exchange, RoutingKeys.chatMessage(login), false, props, body);
                    channel.waitForConfirmsOrDie(10_000);
                    return retries;
                } catch (Exception e) {
                    retries++;
                    closeQuietly();
                    Thread.sleep(500);
                }
            }
        }

        private void open() throws Exception {
            connection = factory().newConnection("chat-drill-publisher");
            channel = connection.createChannel();
            channel.confirmSelect();
        }

        private void closeQuietly() {
            try {
                if (connection != null) {
                    connection.abort(1000);
                }
            } catch (Exception ignored) {
                // already gone
            }
            connection = null;
            channel = null;
        }

        void close() {
            closeQuietly();
        }
    }

    static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
