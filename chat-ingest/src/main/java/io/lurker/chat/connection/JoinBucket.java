package io.lurker.chat.connection;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Twitch's JOIN limit as a sliding window: at most {@code limit} JOINs in any {@code windowMillis}.
 * Shared by every connection of one account (anonymous connections share one too: the limit
 * follows the account and the address). Thread-safe.
 */
public final class JoinBucket {

    private final int limit;
    private final long windowMillis;
    private final Deque<Long> sent = new ArrayDeque<>();

    public JoinBucket(int limit, long windowMillis) {
        if (limit < 1 || windowMillis < 1) {
            throw new IllegalArgumentException("a JOIN bucket needs a positive limit and window");
        }
        this.limit = limit;
        this.windowMillis = windowMillis;
    }

    /** Takes one JOIN if the window has room at {@code nowMillis}. */
    public synchronized boolean tryTake(long nowMillis) {
        while (!sent.isEmpty() && sent.peekFirst() <= nowMillis - windowMillis) {
            sent.pollFirst();
        }
        if (sent.size() >= limit) {
            return false;
        }
        sent.addLast(nowMillis);
        return true;
    }

    /** JOINs taken in the window ending at {@code nowMillis}. */
    public synchronized int inWindow(long nowMillis) {
        while (!sent.isEmpty() && sent.peekFirst() <= nowMillis - windowMillis) {
            sent.pollFirst();
        }
        return sent.size();
    }
}
