package io.lurker.bench.analytics;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chat ingest throughput, the real pipeline against the seed's way, in one run on one machine.
 *
 * <ol>
 * <li>Generates N chat messages ({@link ChatCorpus}) in per-channel batches of B, as chat-ingest
 * publishes them, and serializes them before any timing.</li>
 * <li>Starts analytics-service once so it declares its queues, stops it, publishes the whole
 * backlog to RabbitMQ, starts the service again and samples how fast the rows arrive in
 * PostgreSQL; the sustained rate is taken between 10 % and 90 % of the backlog.</li>
 * <li>Checks every message is stored once and the per-minute rollups add up to N.</li>
 * <li>Runs the seed's way — a new connection, one INSERT and a commit per message — and the
 * milder variant (one connection, a commit per message) on the same messages.</li>
 * </ol>
 *
 * Arguments: {@code --service-jar PATH --messages N --batch B --channels C --seed-messages M}. To compare
 * builds side by side, {@code --service-jar before=PATH,after=PATH --rounds R} drains the same
 * messages with each jar in turn, R times (A B A B …), and prints one summary line per drain.
 */
public final class IngestBench {

    static final String SCHEMA = "analytics_bench_ingest";
    static final String EXCHANGE = "lurker.events.bench";
    static final String QUEUE_PREFIX = "analytics-bench.";
    static final String DLX = "lurker.analytics.dlx.bench";
    static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/test";
    static final int PORT = 18086;
    static final String APPLICATION = "analytics-bench-ingest";

    public static void main(String[] args) throws Exception {
        List<String[]> services = services(arg(args, "--service-jar", "analytics-service/target/quarkus-app/quarkus-run.jar"));
        int total = Integer.parseInt(arg(args, "--messages", "1000000"));
        int batchSize = Integer.parseInt(arg(args, "--batch", "500"));
        int channels = Integer.parseInt(arg(args, "--channels", "50"));
        int rounds = Integer.parseInt(arg(args, "--rounds", "1"));
        int seedMessages = Integer.parseInt(arg(args, "--seed-messages", "20000"));

        System.out.printf(Locale.ROOT, "generating %,d messages in %d channels in batches of %d%n", total, channels,
                batchSize);
        List<byte[]> bodies = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<ChatMessage> seedSample = new ArrayList<>();
        generate(total, batchSize, channels, bodies, keys, seedSample, seedMessages);
        long bytes = bodies.stream().mapToLong(b -> b.length).sum();
        System.out.printf(Locale.ROOT, "%,d batches, %,d MB of JSON%n", bodies.size(), bytes >> 20);

        // with several jars (label=path,label=path) the runs alternate on the same messages: A B A B ...
        List<String> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (String[] service : services) {
                results.add(String.format(Locale.ROOT, "round %d %-10s %s", round, service[0],
                        pipeline(Path.of(service[1]), bodies, keys, total)));
            }
        }
        System.out.println("SUMMARY");
        results.forEach(System.out::println);

        if (seedMessages > 0) {
            seed(seedSample);
        }
        deleteQueues();
    }

    /** One drain of the whole backlog by one service jar; returns the figures as one line. */
    private static String pipeline(Path serviceJar, List<byte[]> bodies, List<String> keys, int total)
            throws Exception {
        System.out.printf(Locale.ROOT, "--- %s, load average %s%n", serviceJar, loadAverage());
        resetSchema();
        deleteQueues();
        Process service = startService(serviceJar);
        stopService(service);

        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        try (Connection amqp = factory.newConnection(); Channel channel = amqp.createChannel()) {
            channel.confirmSelect();
            long start = System.nanoTime();
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                    .contentType("application/json").deliveryMode(2).build();
            for (int i = 0; i < bodies.size(); i++) {
                channel.basicPublish(EXCHANGE, keys.get(i), props, bodies.get(i));
                if (i % 200 == 199) {
                    channel.waitForConfirmsOrDie(60_000);
                }
            }
            channel.waitForConfirmsOrDie(60_000);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "published backlog in %.1f s (%,.0f msg/s into RabbitMQ)%n", seconds,
                    total / seconds);
        }

        String loadBefore = loadAverage();
        service = startService(serviceJar);
        List<long[]> samples = new ArrayList<>();
        try (var db = DriverManager.getConnection(JDBC + "?currentSchema=" + SCHEMA, "postgres", "");
                PreparedStatement count = db.prepareStatement("SELECT coalesce(sum(messages), 0) FROM chat_minute")) {
            // CPU time is what a shared machine cannot take away: the service's and its PostgreSQL backends'
            long serviceCpuBefore = cpuTicks(service.pid());
            java.util.Map<Long, Long> backendsBefore = backendTicks(db);
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            long stored = 0;
            while (stored < total && System.nanoTime() < deadline) {
                Thread.sleep(250);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    stored = rs.getLong(1);
                }
                samples.add(new long[] {System.nanoTime(), stored});
            }
            long[] p10 = firstAtLeast(samples, total / 10);
            long[] p90 = firstAtLeast(samples, total * 9L / 10);
            long[] first = firstAtLeast(samples, 1);
            long[] last = samples.get(samples.size() - 1);
            double sustained = (p90[1] - p10[1]) / ((p90[0] - p10[0]) / 1e9);
            double overall = (last[1] - 0) / ((last[0] - first[0]) / 1e9);
            String loadAfter = loadAverage();
            printWriterMetrics();
            double serviceCpu = (cpuTicks(service.pid()) - serviceCpuBefore) / 100.0;
            double backendCpu = 0;
            for (var backend : backendTicks(db).entrySet()) {
                backendCpu += (backend.getValue() - backendsBefore.getOrDefault(backend.getKey(), 0L)) / 100.0;
            }
            String cpu = String.format(Locale.ROOT, "CPU per 1,000 msg: service %.0f ms, PostgreSQL %.0f ms",
                    serviceCpu * 1e6 / last[1], backendCpu * 1e6 / last[1]);
            System.out.println(cpu);
            System.out.printf(Locale.ROOT, "PIPELINE stored %,d of %,d; sustained (10%%→90%%) %,.0f msg/s; "
                    + "first row → last row %,.0f msg/s%n", last[1], total, sustained, overall);
            try (Statement st = db.createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT message_id) FROM chat_message")) {
                rs.next();
                long rows = rs.getLong(1);
                long distinct = rs.getLong(2);
                System.out.printf(Locale.ROOT, "check: chat_message rows %,d, distinct ids %,d, rollup sum %,d%n",
                        rows, distinct, last[1]);
                return String.format(Locale.ROOT, "sustained %,7.0f msg/s, first→last %,7.0f msg/s, %s, rows %,d, "
                        + "lost %,d, duplicates %,d, rollup sum %,d, load %s → %s", sustained, overall, cpu, rows,
                        total - distinct, rows - distinct, last[1], loadBefore, loadAfter);
            }
        } finally {
            stopService(service);
        }
    }

    /** The service's own view of its chat writes (group sizes), where it has one. */
    private static void printWriterMetrics() {
        try {
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + PORT + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            metrics.body().lines().filter(line -> line.startsWith("lurker_analytics_chat_write"))
                    .forEach(line -> System.out.println("metric " + line));
        } catch (Exception e) {
            System.out.println("metrics unavailable: " + e.getMessage());
        }
    }

    /** User + system CPU of a process in clock ticks (1/100 s), 0 when it is gone. */
    private static long cpuTicks(long pid) {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    /** CPU ticks of each PostgreSQL backend serving the benchmarked service. */
    private static java.util.Map<Long, Long> backendTicks(java.sql.Connection db) throws Exception {
        java.util.Map<Long, Long> ticks = new java.util.HashMap<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT pid FROM pg_stat_activity WHERE application_name = '" + APPLICATION + "'")) {
            while (rs.next()) {
                ticks.put(rs.getLong(1), cpuTicks(rs.getLong(1)));
            }
        }
        return ticks;
    }

    /** {@code path} or {@code label=path}, comma-separated. */
    private static List<String[]> services(String value) {
        List<String[]> services = new ArrayList<>();
        for (String part : value.split(",")) {
            int eq = part.indexOf('=');
            services.add(eq < 0 ? new String[] {"service", part} : new String[] {part.substring(0, eq), part.substring(eq + 1)});
        }
        return services;
    }

    private static String loadAverage() {
        try {
            String[] fields = java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static void generate(int total, int batchSize, int channels, List<byte[]> bodies, List<String> keys,
            List<ChatMessage> seedSample, int seedMessages) throws Exception {
        ChatCorpus corpus = new ChatCorpus(42, channels, 300_000);
        List<List<ChatMessage>> open = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            open.add(new ArrayList<>(batchSize));
        }
        Instant start = Instant.now().minus(Duration.ofHours(1));
        long stepNanos = Duration.ofHours(1).toNanos() / total;
        for (int i = 0; i < total; i++) {
            int c = corpus.channel();
            ChatMessage m = corpus.message(c, start.plusNanos(stepNanos * i));
            if (seedSample.size() < seedMessages) {
                seedSample.add(corpus.message(c, start.plusNanos(stepNanos * i)));
            }
            List<ChatMessage> buffer = open.get(c);
            buffer.add(m);
            if (buffer.size() == batchSize) {
                flush(c, buffer, bodies, keys);
            }
        }
        for (int c = 0; c < channels; c++) {
            if (!open.get(c).isEmpty()) {
                flush(c, open.get(c), bodies, keys);
            }
        }
    }

    private static void flush(int c, List<ChatMessage> buffer, List<byte[]> bodies, List<String> keys)
            throws Exception {
        String login = ChatCorpus.channelLogin(c);
        bodies.add(EventJson.mapper().writeValueAsBytes(ChatCorpus.batch(login, List.copyOf(buffer))));
        keys.add(RoutingKeys.chatMessage(login));
        buffer.clear();
    }

    /** The seed's way: a connection, an INSERT and a commit per message. */
    private static void seed(List<ChatMessage> messages) throws Exception {
        try (var db = DriverManager.getConnection(JDBC, "postgres", ""); Statement st = db.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".seed_chat_message (id text PRIMARY KEY, "
                    + "channel text, user_id text, username text, message text, sent_at timestamptz, raw text)");
            st.execute("TRUNCATE " + SCHEMA + ".seed_chat_message");
        }
        String insert = "INSERT INTO " + SCHEMA + ".seed_chat_message VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
        int half = messages.size() / 2;
        long start = System.nanoTime();
        for (ChatMessage m : messages.subList(0, half)) {
            try (var db = DriverManager.getConnection(JDBC, "postgres", "")) {
                db.setAutoCommit(false);
                try (PreparedStatement ps = db.prepareStatement(insert)) {
                    bind(ps, m);
                    ps.executeUpdate();
                }
                db.commit();
            }
        }
        double perConnection = half / ((System.nanoTime() - start) / 1e9);
        System.out.printf(Locale.ROOT, "SEED connection+commit per message: %,d messages, %,.0f msg/s%n", half,
                perConnection);
        start = System.nanoTime();
        try (var db = DriverManager.getConnection(JDBC, "postgres", "");
                PreparedStatement ps = db.prepareStatement(insert)) {
            db.setAutoCommit(false);
            for (ChatMessage m : messages.subList(half, messages.size())) {
                bind(ps, m);
                ps.executeUpdate();
                db.commit();
            }
        }
        double perCommit = (messages.size() - half) / ((System.nanoTime() - start) / 1e9);
        System.out.printf(Locale.ROOT, "SEED one connection, commit per message: %,d messages, %,.0f msg/s%n",
                messages.size() - half, perCommit);
    }

    private static void bind(PreparedStatement ps, ChatMessage m) throws Exception {
        ps.setString(1, m.id());
        ps.setString(2, m.channelLogin());
        ps.setString(3, m.author().userId());
        ps.setString(4, m.author().login());
        ps.setString(5, m.text());
        ps.setTimestamp(6, java.sql.Timestamp.from(m.sentAt()));
        ps.setString(7, m.raw());
    }

    private static long[] firstAtLeast(List<long[]> samples, long value) {
        return samples.stream().filter(s -> s[1] >= value).findFirst().orElse(samples.get(samples.size() - 1));
    }

    static void resetSchema() throws Exception {
        try (var db = DriverManager.getConnection(JDBC, "postgres", ""); Statement st = db.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    static void deleteQueues() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        try (Connection amqp = factory.newConnection(); Channel channel = amqp.createChannel()) {
            for (String q : List.of("chat-message", "chat-event", "chat-replay", "stream-snapshot", "stream-event",
                    "catalog-channel", "catalog-clip", "catalog-clip-views", "catalog-vod", "catalog-category")) {
                channel.queueDelete(QUEUE_PREFIX + q);
                channel.queueDelete(QUEUE_PREFIX + q + ".dlq");
            }
        }
    }

    static Process startService(Path jar) throws Exception {
        return startService(jar, List.of("-Dlurker.analytics.schema=" + SCHEMA,
                "-Dquarkus.datasource.jdbc.url=" + JDBC + "?currentSchema=" + SCHEMA + "&ApplicationName=" + APPLICATION));
    }

    /** Starts the service jar on the bench exchange and queues with extra system properties. */
    static Process startService(Path jar, List<String> properties) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-Dquarkus.profile=bench",
                "-Dquarkus.http.port=" + PORT,
                "-Dlurker.events.exchange=" + EXCHANGE,
                "-Dlurker.analytics.queue-prefix=" + QUEUE_PREFIX,
                "-Dlurker.analytics.dead-letter-exchange=" + DLX));
        command.addAll(properties);
        // e.g. a flight recording of the service: -XX:StartFlightRecording=filename=service.jfr,settings=profile
        String extra = System.getenv("ANALYTICS_BENCH_JVM_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File("target/analytics-bench-service.log")).start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("analytics-service exited; see bench/target/analytics-bench-service.log");
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + PORT + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return process;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        process.destroy();
        throw new IllegalStateException("analytics-service did not become ready");
    }

    static void stopService(Process process) throws Exception {
        process.destroy();
        process.waitFor();
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
