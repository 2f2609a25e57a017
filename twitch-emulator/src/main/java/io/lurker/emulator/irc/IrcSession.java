package io.lurker.emulator.irc;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One client connection of the emulated TMI server. */
final class IrcSession {

    final long id;
    final NetSocket socket;
    final boolean tls;
    final Instant openedAt;
    final Set<String> caps = ConcurrentHashMap.newKeySet();
    /** Joined channels (logins, no '#'). */
    final Set<String> channels = ConcurrentHashMap.newKeySet();
    volatile String pass;
    volatile String nick;
    volatile boolean registered;
    volatile boolean anonymous;
    volatile boolean closed;
    /** Until this wall-clock millisecond nothing is sent or answered. */
    volatile long stalledUntil;
    volatile boolean reconnectSent;

    IrcSession(long id, NetSocket socket, boolean tls, Instant openedAt) {
        this.id = id;
        this.socket = socket;
        this.tls = tls;
        this.openedAt = openedAt;
    }

    boolean stalled() {
        return stalledUntil > System.currentTimeMillis();
    }

    /** Whether chat traffic may be written to it now. */
    boolean receptive(int maxQueue) {
        return registered && !closed && !stalled() && !socket.writeQueueFull();
    }

    /** The account JOIN limits are counted against. */
    String account() {
        return anonymous ? "anonymous:" + nick : nick;
    }

    void send(String line) {
        if (!closed && !stalled()) {
            socket.write(Buffer.buffer(line + "\r\n"));
        }
    }

    void sendRaw(Buffer bytes) {
        if (!closed) {
            socket.write(bytes);
        }
    }
}
