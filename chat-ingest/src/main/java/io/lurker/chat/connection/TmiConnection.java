package io.lurker.chat.connection;

import io.lurker.chat.irc.ChatLine;
import io.lurker.chat.irc.Notice;
import io.lurker.chat.irc.OtherCommand;
import io.lurker.chat.irc.Ping;
import io.lurker.chat.irc.Reconnect;
import io.lurker.chat.irc.Roomstate;
import io.lurker.chat.service.ChatPipeline;
import io.lurker.chat.service.ConvertedLine;
import io.lurker.contracts.chat.ChatSource;
import io.lurker.tokenpool.service.Lease;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.jboss.logging.Logger;

/**
 * One socket to TMI: connects, negotiates capabilities, logs in, then reads lines on its own
 * thread into the {@link ChatPipeline} (which blocks while its buffer is full, so the socket is
 * not read meanwhile) and reports connection-level lines to its {@link Listener}. Writes are
 * synchronised; a failed write closes the connection.
 */
final class TmiConnection {

    private static final Logger LOG = Logger.getLogger(TmiConnection.class);
    /** Longest line handed to the parser (which keeps anything over 8 KiB as too-long); the rest of a longer one is dropped. */
    private static final int MAX_LINE = 1 << 20;

    interface Listener {
        void registered(TmiConnection connection);

        void confirmed(TmiConnection connection, String channel, String roomId);

        void channelRefused(TmiConnection connection, String channel, String reason);

        void pong(TmiConnection connection);

        void reconnectRequested(TmiConnection connection);

        void closed(TmiConnection connection, String reason);
    }

    record Endpoint(String host, int port, boolean tls, boolean trustAll, int connectTimeoutMillis, int readTimeoutMillis) {
    }

    /** A nick and, for a user, its token and the pool lease it came from (both null when anonymous). */
    record Login(String nick, String token, Lease lease) {
        static Login anonymous() {
            return new Login(ConnectionManager.anonymousNick(), null, null);
        }

        @Override
        public String toString() {
            return "Login[" + nick + (token == null ? ", anonymous]" : ", user token " + (lease == null ? "(not pooled)" : lease.tokenId()) + "]");
        }
    }

    final long id;
    final int slot;
    private final Endpoint endpoint;
    private final ConnectionManager.Credentials credentials;
    private volatile Login login;
    private volatile boolean loginRefused;
    private final ChatPipeline pipeline;
    private final Listener listener;
    private volatile Socket socket;
    private volatile OutputStream out;
    private volatile boolean closed;
    volatile boolean registered;
    volatile long lastPingSentAt;
    volatile long pingDeadline;
    volatile long drainingSince;
    /** Wall-clock ms of the last bytes read: a backlogged link still delivering is alive even if its PONG is queued. */
    volatile long lastReadAt = System.currentTimeMillis();
    /** Wall-clock ms since the reader waits for the pipeline (full buffer: backpressure), 0 when it is not. */
    volatile long inPipelineSince;
    private Thread thread;

    TmiConnection(long id, int slot, Endpoint endpoint, ConnectionManager.Credentials credentials, ChatPipeline pipeline,
            Listener listener) {
        this.id = id;
        this.slot = slot;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.pipeline = pipeline;
        this.listener = listener;
    }

    void start() {
        thread = new Thread(this::run, "chat-irc-" + id);
        thread.setDaemon(true);
        thread.start();
    }

    boolean closed() {
        return closed;
    }

    private void run() {
        String reason = "closed";
        try {
            // on this thread, not the manager's: leasing and validating a token may take seconds
            Login who;
            try {
                who = credentials.next();
            } catch (Exception e) {
                LOG.warnf("IRC connection %d: no login (%s)", id, e.getMessage());
                reason = "login-unavailable";
                return;
            }
            login = who;
            connect();
            send("CAP REQ :twitch.tv/tags twitch.tv/commands");
            if (who.token() != null) {
                send("PASS oauth:" + who.token());
            }
            send("NICK " + who.nick());
            read();
            reason = loginRefused ? "login-refused" : "eof";
        } catch (SocketTimeoutException e) {
            reason = "read-timeout";
        } catch (IOException e) {
            reason = loginRefused ? "login-refused" : closed ? "closed" : "io: " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            reason = "interrupted";
        } catch (RuntimeException e) {
            LOG.warnf(e, "IRC connection %d failed", id);
            reason = "error: " + e.getClass().getSimpleName();
        } finally {
            closeQuietly();
            listener.closed(this, reason);
        }
    }

    private void connect() throws IOException {
        Socket raw = new Socket();
        raw.setTcpNoDelay(true);
        raw.setReceiveBufferSize(1 << 20);
        raw.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), endpoint.connectTimeoutMillis());
        Socket s = raw;
        if (endpoint.tls()) {
            SSLSocket ssl = (SSLSocket) tlsFactory(endpoint.trustAll()).createSocket(raw, endpoint.host(), endpoint.port(), true);
            ssl.startHandshake();
            s = ssl;
        }
        s.setSoTimeout(endpoint.readTimeoutMillis());
        socket = s;
        out = s.getOutputStream();
        if (closed) {
            s.close();
            throw new IOException("closed while connecting");
        }
    }

    private static SSLSocketFactory tlsFactory(boolean trustAll) throws IOException {
        if (!trustAll) {
            return (SSLSocketFactory) SSLSocketFactory.getDefault();
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return context.getSocketFactory();
        } catch (Exception e) {
            throw new IOException("TLS unavailable", e);
        }
    }

    private void read() throws IOException, InterruptedException {
        InputStream in = socket.getInputStream();
        LineSplitter lines = new LineSplitter(64 * 1024, MAX_LINE);
        while (!closed) {
            lines.prepare(this::line);
            int n = in.read(lines.buffer(), lines.end(), lines.room());
            if (n < 0) {
                lines.finish(this::line);
                return;
            }
            lastReadAt = System.currentTimeMillis();
            lines.written(n, this::line);
        }
    }

    private void line(byte[] buf, int off, int len) throws InterruptedException {
        ConvertedLine converted;
        inPipelineSince = System.currentTimeMillis();
        try {
            converted = pipeline.accept(buf, off, len, Instant.now(), ChatSource.LIVE, null);
        } finally {
            // the line is handed over: the link is as alive as when its bytes arrived
            lastReadAt = System.currentTimeMillis();
            inPipelineSince = 0;
        }
        ChatLine line = converted.line();
        if (line instanceof Ping ping) {
            send(ping.pongReply());
        } else if (line instanceof Roomstate room) {
            listener.confirmed(this, room.channelLogin(), room.roomId());
        } else if (line instanceof Reconnect) {
            listener.reconnectRequested(this);
        } else if (line instanceof Notice notice) {
            if (notice.loginFailed()) {
                Login refused = login;
                LOG.warnf("IRC login refused on connection %d (%s): %s", id, refused, notice.text());
                loginRefused = true;
                close();
                credentials.refused(refused);
            } else if (notice.channelLogin() != null && notice.noticeId() != null
                    && (notice.noticeId().startsWith("msg_channel_suspended") || notice.noticeId().equals("msg_banned"))) {
                listener.channelRefused(this, notice.channelLogin(), notice.noticeId());
            }
        } else if (line instanceof OtherCommand other) {
            String command = other.command();
            if ("PONG".equals(command)) {
                pingDeadline = 0;
                listener.pong(this);
            } else if ("376".equals(command) || "001".equals(command)) {
                if (!registered) {
                    registered = true;
                    listener.registered(this);
                }
            }
        }
    }

    /** Sends one line; false when the connection is closed or the write failed (it is then closed). */
    boolean send(String line) {
        OutputStream o = out;
        if (o == null || closed) {
            return false;
        }
        byte[] bytes = (line + "\r\n").getBytes(StandardCharsets.UTF_8);
        try {
            synchronized (this) {
                o.write(bytes);
                o.flush();
            }
            return true;
        } catch (IOException e) {
            close();
            return false;
        }
    }

    void close() {
        closed = true;
        closeQuietly();
    }

    private void closeQuietly() {
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    @Override
    public String toString() {
        return "TmiConnection[" + id + ", slot " + slot + ", " + login + "]";
    }
}
