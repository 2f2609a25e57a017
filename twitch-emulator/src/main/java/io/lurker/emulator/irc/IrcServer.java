package io.lurker.emulator.irc;

import io.lurker.emulator.auth.AccessToken;
import io.lurker.emulator.auth.AuthStore;
import io.lurker.emulator.world.Channel;
import io.lurker.emulator.world.World;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PfxOptions;
import io.vertx.core.parsetools.RecordParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The emulated TMI (Twitch chat IRC) server: plain and TLS ports, CAP negotiation, PASS/NICK
 * against the emulator's tokens (or anonymous {@code justinfan<digits>}), JOIN/PART with
 * USERSTATE and ROOMSTATE, the JOIN limit per account, PING/PONG, and the chat traffic of
 * {@link ChatTraffic}. Faults (drop, stall, garbage, RECONNECT) come from {@link IrcAdminResource}.
 */
@ApplicationScoped
public class IrcServer {

    private static final Logger LOG = Logger.getLogger(IrcServer.class);
    private static final Pattern ANONYMOUS = Pattern.compile("justinfan\\d+");
    private static final String HOST = "tmi.twitch.tv";
    static final List<String> KNOWN_CAPS = List.of("twitch.tv/tags", "twitch.tv/commands", "twitch.tv/membership");

    private final Vertx vertx;
    private final World world;
    private final AuthStore auth;
    private final IrcServerConfig config;
    private final ChatTraffic traffic;
    private final Map<Long, IrcSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, Deque<Long>> joinTimes = new HashMap<>();
    private final AtomicLong ids = new AtomicLong();
    final AtomicLong connectionsOpened = new AtomicLong();
    final AtomicLong loginsFailed = new AtomicLong();
    final AtomicLong joins = new AtomicLong();
    final AtomicLong joinsRejected = new AtomicLong();
    final AtomicLong parts = new AtomicLong();
    final AtomicLong clientPings = new AtomicLong();
    final AtomicLong garbageLines = new AtomicLong();
    final AtomicLong reconnectsSent = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    private NetServer plain;
    private NetServer tls;
    private int plainPort;
    private int tlsPort;

    public IrcServer(Vertx vertx, World world, AuthStore auth, IrcServerConfig config, ChatTraffic traffic) {
        this.vertx = vertx;
        this.world = world;
        this.auth = auth;
        this.config = config;
        this.traffic = traffic;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        plain = listen(new NetServerOptions(), config.port(), false);
        plainPort = plain.actualPort();
        try {
            SelfSignedKeyStore store = SelfSignedKeyStore.create();
            NetServerOptions options = new NetServerOptions().setSsl(true)
                    .setKeyCertOptions(new PfxOptions().setPath(store.path().toString()).setPassword(store.password()));
            tls = listen(options, config.tlsPort(), true);
            tlsPort = tls.actualPort();
        } catch (Exception e) {
            LOG.warnf("IRC TLS port not started: %s", e.getMessage());
        }
        traffic.start(this);
        LOG.infof("IRC (TMI) listening on %s:%d (plain) and %d (TLS)", config.host(), plainPort, tlsPort);
    }

    void stop(@Observes ShutdownEvent event) {
        traffic.stop();
        sessions.values().forEach(s -> s.socket.close());
        if (plain != null) {
            plain.close();
        }
        if (tls != null) {
            tls.close();
        }
    }

    private NetServer listen(NetServerOptions options, int port, boolean secure) {
        options.setHost(config.host()).setPort(port).setTcpNoDelay(true);
        NetServer server = vertx.createNetServer(options);
        server.connectHandler(socket -> accept(socket, secure));
        CountDownLatch latch = new CountDownLatch(1);
        Throwable[] failure = new Throwable[1];
        server.listen().onComplete(ar -> {
            failure[0] = ar.cause();
            latch.countDown();
        });
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("IRC port " + port + " did not open in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (failure[0] != null) {
            throw new IllegalStateException("cannot listen on IRC port " + port + ": " + failure[0].getMessage(), failure[0]);
        }
        return server;
    }

    public int plainPort() {
        return plainPort;
    }

    public int tlsPort() {
        return tlsPort;
    }

    Collection<IrcSession> sessions() {
        return sessions.values();
    }

    private void accept(NetSocket socket, boolean secure) {
        IrcSession session = new IrcSession(ids.incrementAndGet(), socket, secure, Instant.now());
        connectionsOpened.incrementAndGet();
        sessions.put(session.id, session);
        socket.setWriteQueueMaxSize(config.writeQueueBytes());
        RecordParser parser = RecordParser.newDelimited("\n", buffer -> {
            if (session.stalled()) {
                return;
            }
            String line = buffer.toString(StandardCharsets.UTF_8);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            try {
                handle(session, line);
            } catch (RuntimeException e) {
                LOG.debugf("IRC connection %d: %s", session.id, e.getMessage());
            }
        });
        parser.maxRecordSize(16 * 1024);
        parser.exceptionHandler(e -> close(session));
        socket.handler(parser);
        socket.closeHandler(v -> closed(session));
        socket.exceptionHandler(e -> close(session));
    }

    void close(IrcSession session) {
        if (!session.closed) {
            session.closed = true;
            session.socket.close();
        }
        closed(session);
    }

    private void closed(IrcSession session) {
        session.closed = true;
        if (sessions.remove(session.id) != null) {
            traffic.leaveAll(session);
        }
    }

    private void handle(IrcSession session, String line) {
        String rest = line;
        if (rest.startsWith("@")) {
            int space = rest.indexOf(' ');
            rest = space < 0 ? "" : rest.substring(space + 1);
        }
        if (rest.startsWith(":")) {
            int space = rest.indexOf(' ');
            rest = space < 0 ? "" : rest.substring(space + 1);
        }
        rest = rest.stripLeading();
        if (rest.isEmpty()) {
            return;
        }
        String trailing = null;
        int colon = rest.indexOf(" :");
        if (colon >= 0) {
            trailing = rest.substring(colon + 2);
            rest = rest.substring(0, colon);
        }
        List<String> params = new ArrayList<>(List.of(rest.trim().split(" +")));
        String command = params.remove(0).toUpperCase(Locale.ROOT);
        if (trailing != null) {
            params.add(trailing);
        }
        switch (command) {
            case "CAP" -> cap(session, params);
            case "PASS" -> session.pass = params.isEmpty() ? null : params.get(0);
            case "NICK" -> nick(session, params.isEmpty() ? "" : params.get(0));
            case "USER" -> {
            }
            case "PING" -> {
                clientPings.incrementAndGet();
                session.send(":" + HOST + " PONG " + HOST + " :" + (params.isEmpty() ? HOST : params.get(params.size() - 1)));
            }
            case "PONG" -> {
            }
            case "QUIT" -> close(session);
            default -> {
                if (!session.registered) {
                    return;
                }
                switch (command) {
                    case "JOIN" -> {
                        if (!params.isEmpty()) {
                            for (String channel : params.get(0).split(",")) {
                                join(session, channel);
                            }
                        }
                    }
                    case "PART" -> {
                        if (!params.isEmpty()) {
                            for (String channel : params.get(0).split(",")) {
                                part(session, channel);
                            }
                        }
                    }
                    case "PRIVMSG" -> {
                        // read-only emulation: accepted and dropped, as Twitch drops an anonymous user's messages
                    }
                    default -> session.send(":" + HOST + " 421 " + session.nick + " " + command + " :Unknown command");
                }
            }
        }
    }

    private void cap(IrcSession session, List<String> params) {
        if (params.isEmpty()) {
            return;
        }
        String sub = params.get(0).toUpperCase(Locale.ROOT);
        switch (sub) {
            case "LS" -> session.send(":" + HOST + " CAP * LS :" + String.join(" ", KNOWN_CAPS));
            case "REQ" -> {
                String wanted = params.size() > 1 ? params.get(params.size() - 1).trim() : "";
                List<String> caps = wanted.isEmpty() ? List.of() : List.of(wanted.split(" +"));
                if (KNOWN_CAPS.containsAll(caps)) {
                    session.caps.addAll(caps);
                    session.send(":" + HOST + " CAP * ACK :" + wanted);
                } else {
                    session.send(":" + HOST + " CAP * NAK :" + wanted);
                }
            }
            default -> {
            }
        }
    }

    private void nick(IrcSession session, String nick) {
        if (session.registered) {
            return;
        }
        String login = nick.toLowerCase(Locale.ROOT);
        session.nick = login;
        String pass = session.pass;
        AccessToken token = null;
        if (pass == null) {
            if (!ANONYMOUS.matcher(login).matches()) {
                refuse(session, "Improperly formatted auth");
                return;
            }
            session.anonymous = true;
        } else {
            String value = pass.startsWith("oauth:") ? pass.substring(6) : pass;
            token = auth.usable(value);
            if (token == null || !token.isUserToken() || !token.scopes().contains("chat:read")
                    || !login.equals(token.login())) {
                refuse(session, "Login authentication failed");
                return;
            }
        }
        session.pass = null;
        session.registered = true;
        session.send(":" + HOST + " 001 " + login + " :Welcome, GLHF!");
        session.send(":" + HOST + " 002 " + login + " :Your host is " + HOST);
        session.send(":" + HOST + " 003 " + login + " :This server is rather new");
        session.send(":" + HOST + " 004 " + login + " :-");
        session.send(":" + HOST + " 375 " + login + " :-");
        session.send(":" + HOST + " 372 " + login + " :You are in a maze of twisty passages, all alike.");
        session.send(":" + HOST + " 376 " + login + " :>");
        if (token != null && session.caps.contains("twitch.tv/commands")) {
            session.send(tags(session, "@badge-info=;badges=;color=;display-name=" + login + ";emote-sets=0;user-id="
                    + token.userId() + ";user-type=") + ":" + HOST + " GLOBALUSERSTATE");
        }
    }

    private void refuse(IrcSession session, String message) {
        loginsFailed.incrementAndGet();
        session.send(":" + HOST + " NOTICE * :" + message);
        vertx.setTimer(50, id -> close(session));
    }

    private static String tags(IrcSession session, String tags) {
        return session.caps.contains("twitch.tv/tags") ? tags + " " : "";
    }

    private void join(IrcSession session, String raw) {
        String login = raw.trim().toLowerCase(Locale.ROOT);
        if (login.startsWith("#")) {
            login = login.substring(1);
        }
        if (login.isEmpty()) {
            return;
        }
        if (!admitJoin(session.account())) {
            joinsRejected.incrementAndGet();
            return;
        }
        joins.incrementAndGet();
        Channel channel = world.channelByLogin(login);
        if (channel == null) {
            session.send(tags(session, "@msg-id=msg_channel_suspended") + ":" + HOST + " NOTICE #" + login
                    + " :This channel does not exist or has been suspended.");
            return;
        }
        String nick = session.nick;
        session.send(":" + nick + "!" + nick + "@" + nick + ".tmi.twitch.tv JOIN #" + login);
        session.send(":" + nick + ".tmi.twitch.tv 353 " + nick + " = #" + login + " :" + nick);
        session.send(":" + nick + ".tmi.twitch.tv 366 " + nick + " #" + login + " :End of /NAMES list");
        if (session.caps.contains("twitch.tv/commands")) {
            session.send(tags(session, "@badge-info=;badges=;color=;display-name=" + nick + ";emote-sets=0;mod=0;subscriber=0;user-type=")
                    + ":" + HOST + " USERSTATE #" + login);
            session.send(tags(session, "@emote-only=0;followers-only=-1;r9k=0;room-id=" + channel.id() + ";slow=0;subs-only=0")
                    + ":" + HOST + " ROOMSTATE #" + login);
        }
        session.channels.add(login);
        traffic.join(session, channel);
    }

    private synchronized boolean admitJoin(String account) {
        long now = System.currentTimeMillis();
        Deque<Long> times = joinTimes.computeIfAbsent(account, k -> new ArrayDeque<>());
        long window = config.joinWindow().toMillis();
        while (!times.isEmpty() && times.peekFirst() <= now - window) {
            times.pollFirst();
        }
        if (times.size() >= config.joinLimit()) {
            return false;
        }
        times.addLast(now);
        return true;
    }

    private void part(IrcSession session, String raw) {
        String login = raw.trim().toLowerCase(Locale.ROOT);
        if (login.startsWith("#")) {
            login = login.substring(1);
        }
        if (session.channels.remove(login)) {
            traffic.part(session, login);
            parts.incrementAndGet();
            String nick = session.nick;
            session.send(":" + nick + "!" + nick + "@" + nick + ".tmi.twitch.tv PART #" + login);
        }
    }

    // ---- faults -------------------------------------------------------------------------

    List<IrcSession> select(String channel, Long connection) {
        List<IrcSession> selected = new ArrayList<>();
        for (IrcSession s : sessions.values()) {
            if ((connection == null || s.id == connection)
                    && (channel == null || s.channels.contains(channel.toLowerCase(Locale.ROOT).replace("#", "")))) {
                selected.add(s);
            }
        }
        return selected;
    }

    int drop(String channel, Long connection) {
        List<IrcSession> selected = select(channel, connection);
        for (IrcSession s : selected) {
            dropped.incrementAndGet();
            traffic.leaveAll(s);
            close(s);
        }
        return selected.size();
    }

    int stall(String channel, Long connection, long millis) {
        List<IrcSession> selected = select(channel, connection);
        long until = System.currentTimeMillis() + millis;
        selected.forEach(s -> s.stalledUntil = until);
        return selected.size();
    }

    static final List<byte[]> GARBAGE = List.of(
            "@badges=broken;;;=x :nobody PRIVMSG".getBytes(StandardCharsets.UTF_8),
            new byte[]{(byte) 0xC3, 0x28, (byte) 0xFF, 0x20, 0x50, 0x52, 0x49, 0x56},
            "this is not irc at all".getBytes(StandardCharsets.UTF_8),
            (":tmi.twitch.tv PRIVMSG #x :" + "A".repeat(9000)).getBytes(StandardCharsets.UTF_8),
            "@id=1;emotes=25:99-200 :a!a@a.tmi.twitch.tv PRIVMSG #x :short".getBytes(StandardCharsets.UTF_8),
            ":".getBytes(StandardCharsets.UTF_8));

    int garbage(String channel, Long connection, int count) {
        List<IrcSession> selected = select(channel, connection);
        for (IrcSession s : selected) {
            Buffer buffer = Buffer.buffer();
            for (int i = 0; i < count; i++) {
                byte[] bytes = GARBAGE.get(i % GARBAGE.size());
                if (i % GARBAGE.size() == 4 && s.channels.iterator().hasNext()) {
                    bytes = new String(bytes, StandardCharsets.UTF_8).replace("#x", "#" + s.channels.iterator().next())
                            .getBytes(StandardCharsets.UTF_8);
                }
                buffer.appendBytes(bytes).appendString("\r\n");
            }
            garbageLines.addAndGet(count);
            s.sendRaw(buffer);
        }
        return selected.size();
    }

    int reconnect(String channel, Long connection) {
        List<IrcSession> selected = select(channel, connection);
        for (IrcSession s : selected) {
            reconnectsSent.incrementAndGet();
            s.reconnectSent = true;
            s.send(":" + HOST + " RECONNECT");
            vertx.setTimer(Math.max(1, config.reconnectGrace().toMillis()), id -> {
                traffic.leaveAll(s);
                close(s);
            });
        }
        return selected.size();
    }

    /** Connection-level counters (a method: CDI proxies don't forward field reads). */
    Map<String, Object> stats() {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("connections_open", sessions.size());
        out.put("connections_opened", connectionsOpened.get());
        out.put("logins_failed", loginsFailed.get());
        out.put("joins", joins.get());
        out.put("joins_rejected", joinsRejected.get());
        out.put("parts", parts.get());
        out.put("client_pings", clientPings.get());
        out.put("garbage_lines", garbageLines.get());
        out.put("reconnects_sent", reconnectsSent.get());
        out.put("dropped", dropped.get());
        return out;
    }

    void resetCounters() {
        connectionsOpened.set(0);
        loginsFailed.set(0);
        joins.set(0);
        joinsRejected.set(0);
        parts.set(0);
        clientPings.set(0);
        garbageLines.set(0);
        reconnectsSent.set(0);
        dropped.set(0);
    }
}
