package io.lurker.chat.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.lurker.chat.connection.ConnectionManager.PingVerdict;
import org.junit.jupiter.api.Test;

/**
 * When a missing PONG replaces a connection. A reader blocked on chat-ingest's own full buffer
 * (backpressure) once looked dead after the 5 s deadline and was closed, throwing away what Twitch had
 * already sent (seen 25–33 times per run in the pipeline drills): it must be waited on instead.
 */
class PingVerdictTest {

    private static final long TIMEOUT = 5_000;
    private static final long NOW = 1_000_000;

    @Test
    void noPingPendingOrNotYetDue() {
        assertThat(ConnectionManager.pingVerdict(NOW, 0, 0, 0, TIMEOUT)).isEqualTo(PingVerdict.NONE);
        assertThat(ConnectionManager.pingVerdict(NOW, NOW + 1, 0, 0, TIMEOUT)).isEqualTo(PingVerdict.NONE);
    }

    @Test
    void silentLinkPastItsDeadlineIsDead() {
        assertThat(ConnectionManager.pingVerdict(NOW, NOW - 1, NOW - TIMEOUT - 1, 0, TIMEOUT)).isEqualTo(PingVerdict.DEAD);
    }

    @Test
    void linkStillDeliveringIsWaitedOn() {
        assertThat(ConnectionManager.pingVerdict(NOW, NOW - 1, NOW - 100, 0, TIMEOUT)).isEqualTo(PingVerdict.EXTEND);
    }

    @Test
    void readerBlockedOnAFullBufferIsNotDeadHoweverLongItWaits() {
        long blockedSince = NOW - 10 * TIMEOUT;
        assertThat(ConnectionManager.pingVerdict(NOW, NOW - 1, blockedSince, blockedSince, TIMEOUT)).isEqualTo(PingVerdict.EXTEND);
    }
}
