package io.lurker.emulator.irc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A blocking line client for the tests: send lines, read until a predicate matches. */
final class IrcClient implements AutoCloseable {

    final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    final List<String> seen = new ArrayList<>();

    IrcClient(int port, boolean tls) throws Exception {
        if (tls) {
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
            socket = context.getSocketFactory().createSocket("127.0.0.1", port);
        } else {
            socket = new Socket("127.0.0.1", port);
        }
        socket.setSoTimeout(10_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next line, or null at end of stream. */
    String read() throws IOException {
        String line = in.readLine();
        if (line != null) {
            seen.add(line);
        }
        return line;
    }

    String readUntil(Predicate<String> match) throws IOException {
        String line;
        while ((line = read()) != null) {
            if (match.test(line)) {
                return line;
            }
        }
        throw new IOException("end of stream before the expected line; saw " + tail());
    }

    /** Reads until the server closes; returns whether it did within the socket timeout. */
    boolean readToEnd() throws IOException {
        try {
            while (read() != null) {
                // drain
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /** Reads every line until none arrives for {@code quietMillis}; how many were read. */
    int drain(int quietMillis) throws IOException {
        int old = socket.getSoTimeout();
        socket.setSoTimeout(quietMillis);
        int n = 0;
        try {
            while (read() != null) {
                n++;
            }
        } catch (SocketTimeoutException e) {
            // quiet
        } finally {
            socket.setSoTimeout(old);
        }
        return n;
    }

    /** Whether nothing at all arrives within the timeout. */
    boolean silentFor(int millis) throws IOException {
        return drain(millis) == 0;
    }

    void loginAnonymous() throws IOException {
        send("CAP REQ :twitch.tv/tags twitch.tv/commands twitch.tv/membership");
        send("NICK justinfan" + (10000 + (int) (Math.random() * 80000)));
        readUntil(l -> l.contains(" 376 "));
    }

    String tail() {
        return String.join("\n", seen.subList(Math.max(0, seen.size() - 8), seen.size()));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
