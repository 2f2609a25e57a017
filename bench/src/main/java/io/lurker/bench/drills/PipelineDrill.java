package io.lurker.bench.drills;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.lurker.bench.analytics.BenchTokens;
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
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fault drill through the real chat pipeline: the twitch-emulator's IRC firehose → N chat-ingest
 * replicas (packaged jars, Redis channel leases, real IRC connections, publisher confirms and spool)
 * → RabbitMQ → analytics-service (packaged jar) → PostgreSQL, while a client polls the analytics API.
 * At {@code --fault-at} of the firehose window one fault is injected:
 * <ul>
 * <li>{@code kill-chat}: {@code kill -9} of the chat-ingest replica holding the most channel leases;
 * recovery = until the survivors hold the leases of all its channels and have them joined
 * (ROOMSTATE confirmed);</li>
 * <li>{@code irc-storm}: the emulator sends RECONNECT to every connection, drops every connection,
 * drops random single connections and sends RECONNECT again, one after the other until the firehose
 * stops; recovery = longest time from one of these faults until every channel is joined again;</li>
 * <li>{@code kill-analytics}: {@code kill -9} of analytics-service, started again after a pause;</li>
 * <li>{@code command}: a shell command (restart of RabbitMQ, Redis or PostgreSQL, see infra.sh).</li>
 * </ul>
 * Accounting is per message id. <b>sent</b>: PRIVMSG ids the emulator wrote to a chat-ingest socket
 * ({@code /emulator/irc/sent}); <b>accepted</b>: distinct sent ids that reached the broker (an audit
 * queue bound to {@code chat.message.*} on the drill's exchange: a message is there exactly when the
 * broker took it from chat-ingest, which is what chat-ingest's publisher confirm waits for);
 * <b>stored</b>: rows in analytics' {@code chat_message}; <b>lost</b> = accepted ids not stored;
 * <b>duplicates</b> = stored rows − distinct stored ids; <b>not received</b> = sent ids that never
 * reached the broker (after a {@code kill -9} of chat-ingest: lines in the killed process's socket
 * buffer or memory, never confirmed, so never accepted), split by whether they were sent before or
 * after the fault's recovery and whether they belong to the killed replica's channels.
 *
 * <p>Arguments ({@code --key value}): name, root (repository, default: found from the working
 * directory), log-dir, replicas 1, channels 200, rate 20000, seconds 60, fault-at 0.4, fault none,
 * fault-cmd, restart-after-ms 3000, storm-interval-ms 4000, lease-ttl 15s, heartbeat 5s, join-limit 2000,
 * emulator-size small, amqp-port 5672, pg-port 5432, redis-port 6379, run-id.
 */
public final class PipelineDrill {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** What a drill measured; {@code notes} holds the fault-specific figures. */
    public record Result(String name, double rateAsked, double rateAchieved, long sent, long accepted, long brokerRecords,
            long extraOnBroker, long stored, long storedDistinct, long lost, long notReceived, long notReceivedAfterRecovery,
            long notReceivedOutsideFault, long apiRequests, long apiErrors, Duration longestApiOutage, Duration recovery,
            int faultChannels, long faultSentAfterRecovery, Duration leaseReclaim, String snapshotGap, String notes) {

        public long duplicates() {
            return stored - storedDistinct;
        }

        public static String header() {
            return "| drill | rate asked / achieved | sent | accepted | stored | lost | duplicates | not received | longest snapshot gap | API errors / requests | longest API outage | recovery | notes |\n"
                    + "|---|---|---|---|---|---|---|---|---|---|---|---|---|";
        }

        public String row() {
            return String.format(Locale.ROOT, "| %s | %,.0f / %,.0f msg/s | %,d | %,d | %,d | %,d | %,d | %,d | %s | %,d / %,d | %.1f s | %s | %s |",
                    name, rateAsked, rateAchieved, sent, accepted, stored, lost, duplicates(), notReceived, snapshotGap, apiErrors, apiRequests,
                    longestApiOutage.toMillis() / 1000.0,
                    recovery == null ? "not recovered" : String.format(Locale.ROOT, "%.1f s", recovery.toMillis() / 1000.0), notes);
        }
    }

    private final String name;
    private final Path root;
    private final Path logDir;
    private final int replicas;
    private final int channels;
    private final double rate;
    private final int seconds;
    private final double faultAt;
    private final String fault;
    private final String faultCommand;
    private final int afterRecoverySeconds;
    private final int drainIdleSeconds;
    private final long restartAfterMs;
    private final long stormIntervalMs;
    private final String leaseTtl;
    private final String heartbeat;
    private final int joinLimit;
    private final String emulatorSize;
    private final boolean collectors;
    private final String streamsInterval;
    private final int amqpPort;
    private final int pgPort;
    private final int redisPort;
    private final String runId;
    private final String schema;
    private final String exchange;
    private final String auditQueue;

    private final BenchTokens tokens;
    private final Path publicKey;
    private final String adminKey;
    private final String readToken;
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private final int emuPort;
    private final int ircPort;
    private final int analyticsPort;
    private final int helixPort;
    private final List<Integer> chatPorts = new ArrayList<>();
    private final List<Process> chat = new ArrayList<>();
    private volatile Process analytics;
    private List<String> logins;

    // fault bookkeeping
    private final StringBuilder notes = new StringBuilder();
    private volatile long faultNanos;
    private volatile long recoveredAtNanos;
    private volatile Duration recovery;
    private volatile Duration leaseReclaim;
    /** Per-channel PRIVMSG counts of the emulator at each fault (and recovery): where a missing id falls. */
    private final List<Map.Entry<String, Map<String, Long>>> markers = new CopyOnWriteArrayList<>();
    private final Set<String> faultChannels = Collections.synchronizedSet(new HashSet<>());
    private volatile Map<String, Long> recoveryIndex = Map.of();
    private volatile long storedTarget = Long.MAX_VALUE;
    private volatile long storedReachedNanos;
    private volatile long firstOkAfterFault;

    public PipelineDrill(String[] args) throws Exception {
        this.name = ChatDrill.arg(args, "--name", "pipeline drill");
        this.root = Path.of(ChatDrill.arg(args, "--root", findRoot().toString())).toAbsolutePath();
        this.logDir = Path.of(ChatDrill.arg(args, "--log-dir", root.resolve("bench/target/drills").toString())).toAbsolutePath();
        this.replicas = Integer.parseInt(ChatDrill.arg(args, "--replicas", "1"));
        this.channels = Integer.parseInt(ChatDrill.arg(args, "--channels", "200"));
        this.rate = Double.parseDouble(ChatDrill.arg(args, "--rate", "20000"));
        this.seconds = Integer.parseInt(ChatDrill.arg(args, "--seconds", "60"));
        this.faultAt = Double.parseDouble(ChatDrill.arg(args, "--fault-at", "0.4"));
        this.fault = ChatDrill.arg(args, "--fault", "none");
        this.faultCommand = ChatDrill.arg(args, "--fault-cmd", "");
        this.afterRecoverySeconds = Integer.parseInt(ChatDrill.arg(args, "--after-recovery-seconds", "0"));
        this.drainIdleSeconds = Integer.parseInt(ChatDrill.arg(args, "--drain-idle-seconds", "45"));
        this.restartAfterMs = Long.parseLong(ChatDrill.arg(args, "--restart-after-ms", "3000"));
        this.stormIntervalMs = Long.parseLong(ChatDrill.arg(args, "--storm-interval-ms", "4000"));
        this.leaseTtl = ChatDrill.arg(args, "--lease-ttl", "15s");
        this.heartbeat = ChatDrill.arg(args, "--heartbeat", "5s");
        this.joinLimit = Integer.parseInt(ChatDrill.arg(args, "--join-limit", "2000"));
        this.emulatorSize = ChatDrill.arg(args, "--emulator-size", "default");
        this.collectors = Boolean.parseBoolean(ChatDrill.arg(args, "--collectors", "false"));
        this.streamsInterval = ChatDrill.arg(args, "--streams-interval", "10s");
        this.amqpPort = Integer.parseInt(ChatDrill.arg(args, "--amqp-port", "5672"));
        this.pgPort = Integer.parseInt(ChatDrill.arg(args, "--pg-port", "5432"));
        this.redisPort = Integer.parseInt(ChatDrill.arg(args, "--redis-port", "6379"));
        this.runId = ChatDrill.arg(args, "--run-id", "p" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36));
        this.schema = "analytics_drill_" + runId;
        this.exchange = "lurker.events.drill." + runId;
        this.auditQueue = "drill-audit-" + runId;
        this.tokens = new BenchTokens();
        this.publicKey = tokens.writePublicKey();
        this.readToken = tokens.token("read");
        this.adminKey = java.util.UUID.randomUUID().toString();
        this.emuPort = freePort();
        this.ircPort = freePort();
        this.analyticsPort = freePort();
        this.helixPort = freePort();
        for (int i = 0; i < replicas; i++) {
            chatPorts.add(freePort());
        }
        if (!List.of("none", "kill-chat", "irc-storm", "kill-analytics", "command").contains(fault)) {
            throw new IllegalArgumentException("--fault none|kill-chat|irc-storm|kill-analytics|command");
        }
        if (fault.equals("kill-chat") && replicas < 2) {
            throw new IllegalArgumentException("kill-chat needs --replicas 2 or more");
        }
    }

    public static void main(String[] args) throws Exception {
        Result r = new PipelineDrill(args).run();
        System.out.println(Result.header());
        System.out.println(r.row());
        boolean ok = r.lost() == 0 && r.duplicates() == 0 && r.recovery() != null && r.notReceivedAfterRecovery() == 0
                && r.notReceivedOutsideFault() == 0;
        System.exit(ok ? 0 : 1);
    }

    public Result run() throws Exception {
        Files.createDirectories(logDir);
        Thread cleanup = new Thread(() -> processes.forEach(Process::destroyForcibly));
        Runtime.getRuntime().addShutdownHook(cleanup);
        String emu = "http://127.0.0.1:" + emuPort;
        Connection amqp = null;
        try {
            log("starting the emulator and analytics-service (run %s)", runId);
            processes.add(start("emulator", List.of(java(), "-Xmx768m", "-Dquarkus.http.port=" + emuPort,
                    "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.log.level=WARN", "-Dlurker.emulator.size=" + emulatorSize,
                    "-Dlurker.emulator.clock.mode=real", "-Dlurker.emulator.admin-key=" + adminKey,
                    "-Dlurker.emulator.irc.port=" + ircPort, "-Dlurker.emulator.irc.tls-port=0", "-Dlurker.emulator.irc.host=127.0.0.1",
                    "-Dlurker.emulator.irc.join-limit=" + joinLimit, "-Dlurker.emulator.irc.write-queue-bytes=8388608",
                    "-jar", root.resolve("twitch-emulator/target/quarkus-app/quarkus-run.jar").toString())));
            analytics = startAnalytics(1);
            awaitReady(emu + "/q/health/ready", processes.get(0), 300);
            send("PUT", emu + "/emulator/irc/traffic", "{\"paused\":true,\"firehose_rate\":0}");
            logins = pickChannels(emu);

            ConnectionFactory factory = new ConnectionFactory();
            factory.setHost("127.0.0.1");
            factory.setPort(amqpPort);
            factory.setAutomaticRecoveryEnabled(true);
            factory.setNetworkRecoveryInterval(1000);
            amqp = factory.newConnection("pipeline-drill-audit");
            Channel ch = amqp.createChannel();
            ch.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true); // as chat-ingest and analytics declare it
            ch.queueDeclare(auditQueue, true, false, false, null); // durable: survives the RabbitMQ drill
            ch.queueBind(auditQueue, exchange, "chat.message.*");
            ch.basicQos(256);
            Audit audit = new Audit();
            ch.basicConsume(auditQueue, true, (tag, d) -> audit.batch(d.getBody()), tag -> { });

            awaitReady("http://127.0.0.1:" + analyticsPort + "/q/health/ready", analytics, 300);
            for (int i = 0; i < replicas; i++) {
                chat.add(startChat(i));
            }
            for (int i = 0; i < replicas; i++) {
                awaitReady("http://127.0.0.1:" + chatPorts.get(i) + "/q/health/ready", chat.get(i), 300);
            }
            if (collectors) {
                Process helix = startHelix();
                awaitReady("http://127.0.0.1:" + helixPort + "/q/health/ready", helix, 300);
            }
            log("%d chat-ingest replica(s) up; waiting until the %d channels are joined", replicas, logins.size());
            if (!awaitAllJoined(emu, Duration.ofMinutes(4))) {
                throw new IllegalStateException("not every channel was joined; see the logs in " + logDir);
            }
            log("lease distribution: %s", leaseCounts());
            Thread.sleep(2000);
            send("DELETE", emu + "/emulator/irc/counters", null);
            audit.clear();

            AtomicBoolean polling = new AtomicBoolean(true);
            Poller poller = new Poller(polling);
            Thread pollThread = new Thread(poller, "drill-poller");
            pollThread.setDaemon(true);
            pollThread.start();

            long start = System.nanoTime();
            long faultDue = start + (long) (seconds * faultAt * 1e9);
            long end = start + seconds * 1_000_000_000L;
            send("PUT", emu + "/emulator/irc/traffic", "{\"paused\":false,\"firehose_rate\":" + rate + "}");
            Thread faultThread = null;
            long nextReport = start + 5_000_000_000L;
            long hardEnd = end + Duration.ofMinutes(3).toNanos();
            while (true) {
                long now = System.nanoTime();
                if (now >= end) {
                    // the firehose goes on until after-recovery-seconds past the fault's recovery (if asked for)
                    boolean faultOver = faultThread == null || !faultThread.isAlive();
                    if (afterRecoverySeconds == 0 || fault.equals("none") || now >= hardEnd
                            || (recoveredAtNanos != 0 && now >= recoveredAtNanos + afterRecoverySeconds * 1_000_000_000L)
                            || (recoveredAtNanos == 0 && faultOver && faultThread != null)) {
                        break;
                    }
                }
                Thread.sleep(100);
                if (faultThread == null && System.nanoTime() >= faultDue && !fault.equals("none")) {
                    faultThread = new Thread(() -> {
                        try {
                            injectFault(emu, end, audit);
                        } catch (Exception e) {
                            notes.append("fault failed: ").append(e).append("; ");
                            e.printStackTrace();
                        }
                    }, "drill-fault");
                    faultThread.setDaemon(true);
                    faultThread.start();
                }
                if (System.nanoTime() >= nextReport) {
                    nextReport += 5_000_000_000L;
                    log("t=%2.0fs sent %,d, on the broker %,d, stored %,d", (System.nanoTime() - start) / 1e9,
                            get(emu + "/emulator/irc/counters").path("messages").asLong(), audit.distinct(), poller.stored.get());
                }
            }
            send("PUT", emu + "/emulator/irc/traffic", "{\"paused\":true,\"firehose_rate\":0}");
            long generationEnd = System.nanoTime();
            if (faultThread != null) {
                faultThread.join(Duration.ofMinutes(3).toMillis());
            }
            if (fault.equals("none")) {
                recovery = Duration.ZERO;
            }
            // drain: chat-ingest reads what the emulator still has queued for it, analytics stores what is on the
            // broker; done when every message sent is on the broker and stored, or when nothing moved for drain-idle-seconds
            // (after a kill -9 of chat-ingest some sent lines can never arrive)
            long sentTotal = get(emu + "/emulator/irc/counters").path("messages").asLong();
            long lastChange = System.nanoTime();
            long previous = -1;
            long previousAudit = -1;
            while (System.nanoTime() - lastChange < Duration.ofSeconds(drainIdleSeconds).toNanos()) {
                long stored = storedRows();
                long onBroker = audit.distinct();
                if (stored != previous || onBroker != previousAudit) {
                    previous = stored;
                    previousAudit = onBroker;
                    lastChange = System.nanoTime();
                } else if (onBroker >= sentTotal && stored >= onBroker && System.nanoTime() - lastChange > 3_000_000_000L) {
                    break;
                }
                Thread.sleep(500);
            }
            log("drained %.1f s after the firehose stopped", (System.nanoTime() - generationEnd) / 1e9);
            if (recovery == null && firstOkAfterFault != 0 && storedReachedNanos != 0) {
                recovery = Duration.ofNanos(Math.max(firstOkAfterFault, storedReachedNanos) - faultNanos);
            }
            polling.set(false);
            pollThread.join(10_000);
            String metrics = chatMetrics();
            String gap = collectors ? snapshotGap(start, generationEnd) : "no collectors";

            // accounting per id
            IdSet storedIds = new IdSet();
            long[] rows = storedIdsAndCounts(storedIds);
            long sent = 0;
            long accepted = 0;
            long lost = 0;
            long notReceived = 0;
            long notReceivedAfter = 0;
            long notReceivedOutside = 0;
            long faultSent = 0;
            long faultSentAfter = 0;
            Map<String, Long> missingBySegment = new LinkedHashMap<>();
            List<String> missingRanges = new ArrayList<>();
            for (String login : logins) {
                JsonNode ids = get(emu + "/emulator/irc/sent?channel=" + login + "&limit=5000000").path("message_ids");
                long after = recoveryIndex.getOrDefault(login, Long.MAX_VALUE);
                boolean faulted = faultChannels.contains(login);
                int rangeStart = -1;
                for (int i = 0; i <= ids.size(); i++) {
                    boolean missing = i < ids.size() && !audit.contains(ids.get(i).asText());
                    if (missing && rangeStart < 0) {
                        rangeStart = i;
                    } else if (!missing && rangeStart >= 0) {
                        missingRanges.add(login + "[" + rangeStart + ".." + (i - 1) + "]");
                        rangeStart = -1;
                    }
                    if (missing) {
                        missingBySegment.merge(segment(login, i), 1L, Long::sum);
                    }
                }
                for (int i = 0; i < ids.size(); i++) {
                    String id = ids.get(i).asText();
                    sent++;
                    if (faulted) {
                        faultSent++;
                        if (i >= after) {
                            faultSentAfter++;
                        }
                    }
                    if (audit.contains(id)) {
                        accepted++;
                        if (!storedIds.contains(id)) {
                            lost++;
                        }
                    } else {
                        notReceived++;
                        if (i >= after) {
                            notReceivedAfter++;
                        }
                        if (!faulted) {
                            notReceivedOutside++;
                        }
                    }
                }
            }
            long extra = audit.distinct() - accepted;
            if (!missingRanges.isEmpty()) {
                log("not received, by the fault before them: %s", missingBySegment);
                log("not received, index ranges per channel (of %d): %s", missingRanges.size(),
                        missingRanges.subList(0, Math.min(40, missingRanges.size())));
            }
            if (!faultChannels.isEmpty()) {
                notes.append(String.format(Locale.ROOT, "%,d sent to its channels, %,d of them after re-claim; ", faultSent, faultSentAfter));
            }
            if (notReceived > 0) {
                notes.append(String.format(Locale.ROOT, "not received: %,d in the faulted channels before recovery, %,d after, %,d elsewhere; ",
                        notReceived - notReceivedAfter - notReceivedOutside, notReceivedAfter, notReceivedOutside));
            }
            if (notReceived > 0 && markers.size() > 1) {
                notes.append("not received by the fault before them: ").append(missingBySegment).append("; ");
            }
            notes.append(String.format(Locale.ROOT, "broker duplicates %,d", audit.records.sum() - audit.distinct()));
            if (extra != 0) {
                notes.append(String.format(Locale.ROOT, "; %,d ids on the broker the emulator did not report", extra));
            }
            if (!metrics.isEmpty()) {
                notes.append("; ").append(metrics);
            }
            double achieved = sent / Math.max(0.001, (generationEnd - start) / 1e9);
            return new Result(name, rate, achieved, sent, accepted, audit.records.sum(), extra, rows[0], rows[1], lost, notReceived,
                    notReceivedAfter, notReceivedOutside, poller.requests.get(), poller.errors.get(),
                    Duration.ofNanos(poller.longest.get()), recovery, faultChannels.size(), faultSentAfter, leaseReclaim, gap,
                    notes.toString());
        } finally {
            for (Process p : chat) {
                p.destroy(); // a clean stop releases the leases
            }
            Process a = analytics;
            if (a != null) {
                a.destroy();
            }
            for (Process p : processes) {
                p.destroy();
            }
            for (Process p : processes) {
                if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            cleanUp(amqp);
            RedisKeys.deleteByPrefix("127.0.0.1", redisPort, "lurker-drill:" + runId + ":");
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    // ---------------------------------------------------------------- faults

    private void injectFault(String emu, long endNanos, Audit audit) throws Exception {
        faultNanos = System.nanoTime();
        storedTarget = audit.distinct();
        if (fault.equals("kill-analytics") || fault.equals("command")) {
            mark(emu, fault);
        }
        switch (fault) {
            case "kill-chat" -> killChat(emu);
            case "irc-storm" -> storm(emu, endNanos);
            case "kill-analytics" -> {
                log("[fault] kill -9 analytics-service");
                Process victim = analytics;
                victim.destroyForcibly();
                victim.waitFor();
                Thread.sleep(restartAfterMs);
                analytics = startAnalytics(2);
            }
            case "command" -> {
                log("[fault] %s", faultCommand);
                Process p = new ProcessBuilder("bash", "-c", faultCommand).inheritIO().start();
                p.waitFor();
            }
            default -> {
            }
        }
        if (recoveredAtNanos == 0) {
            recoveredAtNanos = System.nanoTime();
        }
    }

    /** kill -9 of the replica with the most leases; waits until the survivors lease and join all its channels. */
    private void killChat(String emu) throws Exception {
        int victim = -1;
        List<String> victimChannels = List.of();
        for (int i = 0; i < replicas; i++) {
            List<String> leased = strings(status(i).path("leased"));
            if (leased.size() > victimChannels.size()) {
                victim = i;
                victimChannels = leased;
            }
        }
        if (victim < 0) {
            throw new IllegalStateException("no replica holds a lease");
        }
        faultChannels.addAll(victimChannels);
        log("[fault] kill -9 chat-ingest replica r%d holding %d channels", victim + 1, victimChannels.size());
        mark(emu, "kill -9");
        long t0 = System.nanoTime();
        faultNanos = t0;
        Process p = chat.get(victim);
        p.destroyForcibly();
        p.waitFor();
        long leasedAt = 0;
        long joinedAt = 0;
        long deadline = t0 + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline && joinedAt == 0) {
            Set<String> leased = new HashSet<>();
            Set<String> confirmed = new HashSet<>();
            for (int i = 0; i < replicas; i++) {
                if (i == victim) {
                    continue;
                }
                try {
                    JsonNode s = status(i);
                    leased.addAll(strings(s.path("leased")));
                    confirmed.addAll(strings(s.path("confirmed")));
                } catch (Exception e) {
                    // busy; next round
                }
            }
            long now = System.nanoTime();
            if (leasedAt == 0 && leased.containsAll(victimChannels)) {
                leasedAt = now;
            }
            if (leasedAt != 0 && confirmed.containsAll(victimChannels)) {
                joinedAt = now;
                recoveredAtNanos = now;
                recoveryIndex = messagesPerChannel(emu);
                markers.add(Map.entry("after re-claim", recoveryIndex));
            }
            Thread.sleep(100);
        }
        if (joinedAt == 0) {
            notes.append("its channels were not all re-joined within 3 min; ");
            return;
        }
        recovery = Duration.ofNanos(joinedAt - t0);
        leaseReclaim = Duration.ofNanos(leasedAt - t0);
        notes.append(String.format(Locale.ROOT, "killed r%d with %d of %d channels; leases re-claimed after %.1f s, joined after %.1f s "
                + "(lease TTL %s, heartbeat %s); ", victim + 1, victimChannels.size(), logins.size(), (leasedAt - t0) / 1e9,
                (joinedAt - t0) / 1e9, leaseTtl, heartbeat));
        log("[fault] re-claimed after %.1f s, joined after %.1f s", (leasedAt - t0) / 1e9, (joinedAt - t0) / 1e9);
    }

    /** RECONNECT to all, drop all, drop random single connections, RECONNECT again… until the firehose stops. */
    private void storm(String emu, long endNanos) throws Exception {
        Random random = new Random(7);
        List<String> done = new ArrayList<>();
        long longest = 0;
        int round = 0;
        long stopBy = endNanos - Math.min(stormIntervalMs * 1_000_000L, 5_000_000_000L); // the last fault recovers before the end
        while (System.nanoTime() < stopBy) {
            long roundStart = System.nanoTime();
            String what;
            mark(emu, "#" + (round + 1) + " " + List.of("reconnect all", "drop all", "drop random", "reconnect one channel").get(round % 4));
            // the connections hit: recovered = every channel joined again on a connection not among them
            JsonNode before = get(emu + "/emulator/irc/connections");
            Set<Long> hit = new HashSet<>();
            switch (round % 4) {
                case 0 -> {
                    before.forEach(c -> hit.add(c.path("id").asLong()));
                    what = "reconnect all (" + fault(emu, "{\"action\":\"reconnect\"}") + ")";
                }
                case 1 -> {
                    before.forEach(c -> hit.add(c.path("id").asLong()));
                    what = "drop all (" + fault(emu, "{\"action\":\"drop\"}") + ")";
                }
                case 2 -> {
                    int hits = 0;
                    for (int k = 0; k < Math.min(3, before.size()); k++) {
                        long id = before.get(random.nextInt(before.size())).path("id").asLong();
                        if (hit.add(id)) {
                            hits += Integer.parseInt(fault(emu, "{\"action\":\"drop\",\"connection\":" + id + "}"));
                        }
                    }
                    what = "drop " + hits + " random";
                }
                default -> {
                    String login = logins.get(random.nextInt(logins.size()));
                    before.forEach(c -> {
                        for (JsonNode l : c.path("channels")) {
                            if (l.asText().replace("#", "").equals(login)) {
                                hit.add(c.path("id").asLong());
                            }
                        }
                    });
                    what = "reconnect #" + login + " (" + fault(emu, "{\"action\":\"reconnect\",\"channel\":\"" + login + "\"}") + ")";
                }
            }
            round++;
            long deadline = roundStart + Duration.ofMinutes(2).toNanos();
            long recoveredAt = 0;
            while (System.nanoTime() < deadline) {
                if (allJoined(emu, hit)) {
                    recoveredAt = System.nanoTime();
                    break;
                }
                Thread.sleep(100);
            }
            if (recoveredAt == 0) {
                notes.append("storm round ").append(round).append(" not recovered in 2 min; ");
                recovery = null;
                return;
            }
            longest = Math.max(longest, recoveredAt - roundStart);
            done.add(String.format(Locale.ROOT, "%s %.1f s", what, (recoveredAt - roundStart) / 1e9));
            long next = roundStart + stormIntervalMs * 1_000_000L;
            long wait = (next - System.nanoTime()) / 1_000_000;
            if (wait > 0) {
                Thread.sleep(wait);
            }
        }
        recovery = Duration.ofNanos(longest);
        notes.append(done.size()).append(" faults (").append(String.join(", ", done)).append("); ");
        log("[fault] storm done: %s", done);
    }

    /** The label of the last marker at or before index {@code i} of the channel, "before the fault" if none. */
    private String segment(String login, int i) {
        String label = "before the fault";
        for (Map.Entry<String, Map<String, Long>> m : markers) {
            if (m.getValue().getOrDefault(login, 0L) <= i) {
                label = m.getKey();
            }
        }
        return label;
    }

    private void mark(String emu, String label) {
        try {
            markers.add(Map.entry(label, messagesPerChannel(emu)));
        } catch (Exception e) {
            log("could not read the counters at %s: %s", label, e);
        }
    }

    private String fault(String emu, String body) throws Exception {
        JsonNode r = JSON.readTree(send("POST", emu + "/emulator/irc/faults", body));
        return r.path("connections").asText();
    }

    // ---------------------------------------------------------------- processes

    private Process startAnalytics(int generation) throws Exception {
        String jdbc = "jdbc:postgresql://127.0.0.1:" + pgPort + "/test";
        Process p = start("analytics-" + generation, List.of(java(), "-Xmx768m",
                "-Dquarkus.http.port=" + analyticsPort,
                "-Dquarkus.profile=drill",
                "-Dlurker.events.exchange=" + exchange,
                "-Dlurker.analytics.queue-prefix=analytics-drill-" + runId + ".",
                "-Dlurker.analytics.dead-letter-exchange=lurker.analytics.dlx.drill." + runId,
                "-Dlurker.analytics.schema=" + schema,
                "-Dquarkus.datasource.jdbc.url=" + jdbc + "?currentSchema=" + schema + "&ApplicationName=analytics-drill",
                "-Drabbitmq-port=" + amqpPort,
                "-Drabbitmq-host=127.0.0.1",
                "-Dquarkus.redis.hosts=redis://127.0.0.1:" + redisPort,
                "-Dlurker.analytics.helix-gateway-url=http://127.0.0.1:9",
                "-Dmp.jwt.verify.publickey.location=" + publicKey.toUri(),
                "-jar", root.resolve("analytics-service/target/quarkus-app/quarkus-run.jar").toString()));
        processes.add(p);
        return p;
    }

    /** helix-gateway in standalone mode (the emulator's dev client), only the stream monitor, every streams-interval. */
    private Process startHelix() throws Exception {
        String emu = "http://127.0.0.1:" + emuPort;
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m",
                "-Dquarkus.http.port=" + helixPort, "-Dquarkus.http.host=127.0.0.1",
                "-Dmp.jwt.verify.publickey.location=" + publicKey.toUri(), "-Dlurker.events.exchange=" + exchange,
                "-Dquarkus.redis.hosts=redis://127.0.0.1:" + redisPort, "-Drabbitmq-host=127.0.0.1", "-Drabbitmq-port=" + amqpPort,
                "-Dlurker.twitch.helix-url=" + emu + "/helix", "-Dlurker.twitch.id-url=" + emu + "/oauth2",
                "-Dlurker.helix.standalone.client-id=lurker-dev-client", "-Dlurker.helix.standalone.client-secret=lurker-dev-secret",
                "-Dlurker.helix.redis-prefix=lurker-drill:" + runId + ":helix:",
                "-Dlurker.token-pool.prefix=lurker-drill:" + runId + ":auth:",
                "-Dlurker.token-pool.encryption.keys.drill=" + java.util.Base64.getEncoder().encodeToString(key),
                "-Dlurker.token-pool.encryption.active-key=drill",
                "-Dlurker.helix.service-token=", "-Dlurker.helix.watchlist.analytics-url=http://127.0.0.1:1",
                "-Dlurker.helix.watchlist.channels=" + String.join(",", logins),
                "-Dlurker.helix.collectors.jobs.streams.interval=" + streamsInterval));
        for (String job : List.of("categories", "clips", "clip-views", "vods", "channels")) {
            command.add("-Dlurker.helix.collectors.jobs." + job + ".enabled=false");
        }
        command.add("-jar");
        command.add(root.resolve("helix-gateway/target/quarkus-app/quarkus-run.jar").toString());
        Process p = start("helix-gateway", command);
        processes.add(p);
        return p;
    }

    /** Longest time between two consecutive stored stream snapshots of one channel, sampled during the firehose. */
    private String snapshotGap(long startNanos, long endNanos) {
        long now = System.nanoTime();
        long fromMs = System.currentTimeMillis() - (now - startNanos) / 1_000_000;
        long toMs = System.currentTimeMillis() - (now - endNanos) / 1_000_000;
        String sql = "SELECT count(*), count(DISTINCT channel_id), extract(epoch FROM max(gap)) FROM ("
                + " SELECT channel_id, sampled_at - lag(sampled_at) OVER (PARTITION BY channel_id ORDER BY sampled_at) AS gap"
                + " FROM " + schema + ".stream_snapshot WHERE sampled_at BETWEEN to_timestamp(" + fromMs / 1000.0 + ") - interval '"
                + streamsInterval.replace("s", "") + " seconds' AND to_timestamp(" + toMs / 1000.0 + ")) g";
        try (var db = DriverManager.getConnection(jdbc(), "postgres", ""); Statement st = db.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            if (rs.getLong(1) == 0) {
                return "no snapshots";
            }
            double gap = rs.getDouble(3);
            if (rs.wasNull()) {
                return String.format(Locale.ROOT, "at most one snapshot per channel (%d snapshots)", rs.getLong(1));
            }
            return String.format(Locale.ROOT, "%.1f s (%,d snapshots of %d channels, every %s)", gap, rs.getLong(1), rs.getLong(2),
                    streamsInterval);
        } catch (Exception e) {
            return "unknown: " + e.getMessage();
        }
    }

    private Process startChat(int index) throws Exception {
        String emu = "http://127.0.0.1:" + emuPort;
        int capacity = replicas == 1 ? channels : (channels + replicas - 2) / (replicas - 1);
        Process p = start("chat-ingest-r" + (index + 1), List.of(java(), "-Xmx1g",
                "-Dquarkus.http.port=" + chatPorts.get(index), "-Dquarkus.http.host=127.0.0.1",
                "-Dmp.jwt.verify.publickey.location=" + publicKey.toUri(), "-Dlurker.events.exchange=" + exchange,
                "-Dlurker.chat.spool-dir=" + logDir.resolve("spool-" + runId + "-r" + (index + 1)),
                "-Dlurker.chat.redis-prefix=lurker-drill:" + runId + ":chat:",
                "-Dquarkus.redis.hosts=redis://127.0.0.1:" + redisPort,
                "-Drabbitmq-host=127.0.0.1", "-Drabbitmq-port=" + amqpPort,
                "-Dlurker.twitch.irc-host=127.0.0.1", "-Dlurker.twitch.irc-port=" + ircPort, "-Dlurker.twitch.irc-tls=false",
                "-Dlurker.twitch.bttv-url=" + emu + "/bttv/3", "-Dlurker.twitch.ffz-url=" + emu + "/ffz/v1",
                "-Dlurker.twitch.seventv-url=" + emu + "/7tv/v3", "-Dlurker.twitch.id-url=" + emu + "/oauth2",
                "-Dlurker.chat.watchlist.analytics-url=", "-Dlurker.chat.watchlist.channels=" + String.join(",", logins),
                "-Dlurker.chat.irc.join-limit=" + joinLimit, "-Dlurker.chat.irc.connection-open-interval=200ms",
                "-Dlurker.chat.lease.ttl=" + leaseTtl, "-Dlurker.chat.lease.heartbeat=" + heartbeat,
                "-Dlurker.chat.lease.capacity=" + capacity, "-Dlurker.chat.lease.replica-id=r" + (index + 1),
                "-jar", root.resolve("chat-ingest/target/quarkus-app/quarkus-run.jar").toString()));
        processes.add(p);
        return p;
    }

    private Process start(String what, List<String> command) throws IOException {
        File log = logDir.resolve(runId + "-" + what + ".log").toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
    }

    private void awaitReady(String url, Process process, int timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(url + ": the process exited; see the logs in " + logDir);
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not yet
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException(url + " not ready in " + timeoutSeconds + " s");
    }

    // ---------------------------------------------------------------- observations

    private List<String> pickChannels(String emu) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode s : get(emu + "/emulator/truth/streams").path("data")) {
            if (out.size() < channels) {
                out.add(s.path("user_login").asText());
            }
        }
        if (out.size() < channels) {
            throw new IllegalStateException("the emulator has only " + out.size() + " live channels; use --emulator-size default");
        }
        return out;
    }

    private boolean awaitAllJoined(String emu, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (allJoined(emu)) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    /** Every watched channel is joined on the emulator by some connection. */
    private boolean allJoined(String emu) throws Exception {
        return allJoined(emu, Set.of());
    }

    /** Every watched channel is joined on the emulator by some connection other than {@code except}. */
    private boolean allJoined(String emu, Set<Long> except) throws Exception {
        Set<String> joined = new HashSet<>();
        for (JsonNode c : get(emu + "/emulator/irc/connections")) {
            if (except.contains(c.path("id").asLong())) {
                continue;
            }
            for (JsonNode login : c.path("channels")) {
                joined.add(login.asText().replace("#", ""));
            }
        }
        return joined.containsAll(logins);
    }

    private Map<String, Long> messagesPerChannel(String emu) throws Exception {
        Map<String, Long> out = new HashMap<>();
        get(emu + "/emulator/irc/counters").path("channels").properties()
                .forEach(e -> out.put(e.getKey(), e.getValue().path("messages").asLong()));
        return out;
    }

    private JsonNode status(int replica) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + chatPorts.get(replica)
                + "/api/v1/chat/connections")).timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + readToken).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("chat-ingest status " + r.statusCode());
        }
        return JSON.readTree(r.body());
    }

    private String leaseCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < replicas; i++) {
            try {
                counts.put("r" + (i + 1), status(i).path("leased").size());
            } catch (Exception e) {
                counts.put("r" + (i + 1), -1);
            }
        }
        return counts.toString();
    }

    /** Reconnects by reason, summed over the replicas still running. */
    private String chatMetrics() {
        Map<String, Double> reconnects = new java.util.TreeMap<>();
        for (int i = 0; i < replicas; i++) {
            if (!chat.get(i).isAlive()) {
                continue;
            }
            try {
                String body = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + chatPorts.get(i) + "/q/metrics"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
                for (String line : body.split("\n")) {
                    if (line.startsWith("lurker_chat_reconnects_total{")) {
                        int r = line.indexOf("reason=\"");
                        String reason = line.substring(r + 8, line.indexOf('"', r + 8));
                        double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                        reconnects.merge(reason, v, Double::sum);
                    }
                }
            } catch (Exception e) {
                // leave it out
            }
        }
        reconnects.values().removeIf(v -> v == 0);
        if (reconnects.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        reconnects.forEach((k, v) -> parts.add(k + " " + v.longValue()));
        return "chat-ingest reconnects: " + String.join(", ", parts);
    }

    private long storedRows() {
        try (var db = DriverManager.getConnection(jdbc(), "postgres", ""); Statement st = db.createStatement()) {
            st.setQueryTimeout(10);
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + schema + ".chat_message")) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    /** Fills the set with every stored id; returns rows and distinct ids. */
    private long[] storedIdsAndCounts(IdSet into) throws Exception {
        long rows = 0;
        try (var db = DriverManager.getConnection(jdbc(), "postgres", "")) {
            db.setAutoCommit(false);
            try (Statement st = db.createStatement()) {
                st.setFetchSize(10_000);
                try (ResultSet rs = st.executeQuery("SELECT message_id FROM " + schema + ".chat_message")) {
                    while (rs.next()) {
                        rows++;
                        into.add(rs.getString(1));
                    }
                }
            }
        }
        return new long[] {rows, into.size()};
    }

    private String jdbc() {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/test";
    }

    private void cleanUp(Connection amqp) {
        try (var db = DriverManager.getConnection(jdbc(), "postgres", ""); Statement st = db.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (Exception e) {
            System.err.println("could not drop " + schema + ": " + e.getMessage());
        }
        try {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setHost("127.0.0.1");
            factory.setPort(amqpPort);
            try (Connection c = factory.newConnection(); Channel channel = c.createChannel()) {
                String prefix = "analytics-drill-" + runId + ".";
                for (String q : List.of("chat-message", "chat-event", "chat-replay", "stream-snapshot", "stream-event",
                        "catalog-channel", "catalog-clip", "catalog-clip-views", "catalog-vod", "catalog-category")) {
                    channel.queueDelete(prefix + q);
                    channel.queueDelete(prefix + q + ".dlq");
                }
                channel.queueDelete(auditQueue);
                channel.exchangeDelete(exchange);
                channel.exchangeDelete("lurker.analytics.dlx.drill." + runId);
            }
            if (amqp != null) {
                amqp.abort(2000);
            }
        } catch (Exception e) {
            System.err.println("could not delete the drill's queues: " + e.getMessage());
        }
    }

    /** Message ids that reached the broker (audit queue). */
    private static final class Audit {
        final LongAdder records = new LongAdder();
        private final IdSet ids = new IdSet();

        void batch(byte[] body) throws IOException {
            for (JsonNode m : JSON.readTree(body).path("messages")) {
                records.increment();
                ids.add(m.path("id").asText());
            }
        }

        long distinct() {
            return ids.size();
        }

        boolean contains(String id) {
            return ids.contains(id);
        }

        void clear() {
            records.reset();
            ids.clear();
        }
    }

    /** A client of the analytics API (GET /api/v1/watchlist every 200 ms) and the stored-rows probe. */
    private final class Poller implements Runnable {
        final AtomicBoolean running;
        final AtomicLong requests = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong longest = new AtomicLong();
        final AtomicLong stored = new AtomicLong();
        long lastOk = System.nanoTime();
        long lastStoredProbe;

        Poller(AtomicBoolean running) {
            this.running = running;
        }

        @Override
        public void run() {
            while (running.get()) {
                boolean ok;
                try {
                    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + analyticsPort
                            + "/api/v1/watchlist")).timeout(Duration.ofSeconds(5))
                            .header("Authorization", "Bearer " + readToken).build(), HttpResponse.BodyHandlers.ofString());
                    ok = answer.statusCode() == 200;
                } catch (Exception e) {
                    ok = false;
                }
                requests.incrementAndGet();
                long now = System.nanoTime();
                if (ok) {
                    lastOk = now;
                    if (faultNanos != 0 && firstOkAfterFault == 0 && now > faultNanos + 500_000_000L) {
                        firstOkAfterFault = now;
                    }
                } else {
                    errors.incrementAndGet();
                    longest.accumulateAndGet(now - lastOk, Math::max);
                }
                if (now - lastStoredProbe > 1_000_000_000L) {
                    lastStoredProbe = now;
                    long s = storedRows();
                    if (s >= 0) {
                        stored.set(s);
                        if (faultNanos != 0 && storedReachedNanos == 0 && s >= storedTarget) {
                            storedReachedNanos = System.nanoTime();
                        }
                    }
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(n.asText().replace("#", ""));
        }
        return out;
    }

    private JsonNode get(String url) throws Exception {
        return JSON.readTree(send("GET", url, null));
    }

    private String send(String method, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
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

    private void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[%s] " + format + "%n", prepend(name, args));
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] out = new Object[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static Path findRoot() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("chat-ingest")) && Files.isDirectory(dir.resolve("twitch-emulator"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run from inside the repository");
    }
}
