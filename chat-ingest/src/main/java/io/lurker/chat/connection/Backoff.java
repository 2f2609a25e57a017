package io.lurker.chat.connection;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter in [base/2, base]: base = min × 2^(attempt−1), capped at max. */
public final class Backoff {

    private Backoff() {
    }

    public static long delayMillis(int attempt, Duration min, Duration max) {
        long base = min.toMillis();
        for (int i = 1; i < attempt && base < max.toMillis(); i++) {
            base *= 2;
        }
        base = Math.min(base, max.toMillis());
        long half = Math.max(1, base / 2);
        return half + ThreadLocalRandom.current().nextLong(half + 1);
    }
}
