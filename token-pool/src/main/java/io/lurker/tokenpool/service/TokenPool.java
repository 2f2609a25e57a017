package io.lurker.tokenpool.service;

import io.lurker.tokenpool.config.TokenPoolConfig;
import io.lurker.tokenpool.crypto.TokenCipher;
import io.lurker.tokenpool.model.BucketKey;
import io.lurker.tokenpool.model.BucketView;
import io.lurker.tokenpool.model.RateLimitHeaders;
import io.lurker.tokenpool.model.TokenRequirements;
import io.lurker.tokenpool.repository.BucketRepository;
import io.lurker.tokenpool.repository.LeaseOutcome;
import io.lurker.tokenpool.repository.TokenRepository;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Leasing side of the pool, used by the gateways: {@link #lease} takes one point of a bucket
 * with a usable token, atomically in Redis, shared by every replica.
 *
 * <h2>Waiting without a thread</h2>
 * When nothing is usable, the lease script answers how long until the earliest point among
 * the eligible buckets (or, while tokens are being refreshed, the idle poll). The caller joins
 * a FIFO queue per {@link TokenRequirements} in this process; only the queue's head looks
 * again, on a Vert.x timer at exactly that moment, and each point it gets goes to the
 * longest-waiting caller. So a process sends one script call per point and requirement
 * however many callers wait, and replicas race for points on equal terms: none starves the
 * others. Looks are at most {@code idle-poll} apart, so a token added or repaired meanwhile
 * is found without pub/sub; header observations and 429s only ever delay points, so they
 * need no wake-up. A caller whose deadline falls before the earliest point fails at once.
 */
@ApplicationScoped
public class TokenPool {

    private static final Logger LOG = Logger.getLogger(TokenPool.class);
    private static final long MAX_JITTER_MS = 10;

    private final TokenRepository tokens;
    private final BucketRepository buckets;
    private final TokenCipher cipher;
    private final Vertx vertx;
    private final long idlePollMs;
    private final Duration redisTimeout;
    private final ConcurrentMap<TokenRequirements, WaitQueue> queues = new ConcurrentHashMap<>();

    @Inject
    public TokenPool(TokenRepository tokens, BucketRepository buckets, TokenCipher cipher, TokenPoolConfig config, Vertx vertx) {
        this.tokens = tokens;
        this.buckets = buckets;
        this.cipher = cipher;
        this.vertx = vertx;
        this.idlePollMs = Math.max(1, config.lease().idlePoll().toMillis());
        this.redisTimeout = config.redisTimeout();
    }

    /**
     * Leases a token meeting {@code requirements}, waiting up to {@code maxWait} for a point.
     * This deadline is the caller's budget for getting a token, separate from the timeout of
     * the HTTP call made with it.
     *
     * @return the lease; fails with {@link LeaseTimeoutException} when no point comes in
     *         time, {@link NoEligibleTokenException} when waiting cannot help, and
     *         {@link io.lurker.tokenpool.repository.TokenPoolUnavailableException} when Redis is down
     */
    public Uni<Lease> lease(TokenRequirements requirements, Duration maxWait) {
        Objects.requireNonNull(requirements, "requirements");
        long waitNanos = Math.max(0, maxWait.toNanos());
        return Uni.createFrom().emitter(emitter -> {
            WaitQueue queue = queues.computeIfAbsent(requirements, WaitQueue::new);
            Waiter waiter = new Waiter(emitter, System.nanoTime() + waitNanos,
                    requirements.kind().map(k -> k.name().toLowerCase(java.util.Locale.ROOT)).orElse("any"));
            emitter.onTermination(() -> withdraw(queue, waiter));
            boolean behindOthers;
            synchronized (queue) {
                behindOthers = !queue.waiters.isEmpty();
                if (behindOthers) {
                    queue.waiters.add(waiter);
                }
            }
            if (behindOthers) {
                waited(waiter);
                armDeadline(queue, waiter);
            } else {
                firstLook(queue, waiter);
            }
        });
    }

    /** {@link #lease} for worker threads; never call it on an event loop. */
    public Lease leaseBlocking(TokenRequirements requirements, Duration maxWait) {
        return lease(requirements, maxWait).await().atMost(maxWait.plus(redisTimeout.multipliedBy(3)));
    }

    /** Syncs a bucket with Twitch's headers, outside a lease (prefer {@link Lease#observe}). */
    public Uni<Void> observe(BucketKey bucket, RateLimitHeaders headers) {
        return observe(bucket, headers, null);
    }

    Uni<Void> observe(BucketKey bucket, RateLimitHeaders headers, Long leasedAtMs) {
        return buckets.observe(bucket, headers, leasedAtMs).replaceWithVoid();
    }

    /**
     * Twitch answered 429 for this bucket: it holds no point until {@code reset}. Returns the
     * instant leases on it resume (empty when the bucket is unknown).
     */
    public Uni<Instant> exhausted(BucketKey bucket, Optional<Instant> reset) {
        return buckets.exhausted(bucket, reset).map(until -> until.orElse(null));
    }

    /** Twitch answered 401 with this token: marks it invalid whatever its generation. */
    public Uni<Boolean> invalid(String tokenId) {
        return tokens.invalidate(tokenId, Optional.empty());
    }

    Uni<Boolean> invalid(String tokenId, long generation) {
        return tokens.invalidate(tokenId, Optional.of(generation));
    }

    /** Every bucket as modelled now (limit, points left, resets), for metrics. */
    public Uni<List<BucketView>> buckets() {
        return buckets.views(Optional.empty());
    }

    public Uni<Optional<BucketView>> bucket(BucketKey key) {
        return buckets.views(Optional.of(key)).map(views -> views.stream().findFirst());
    }

    // ---- waiting -------------------------------------------------------------------------

    private final class WaitQueue {
        final TokenRequirements requirements;
        final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
        /** A look is running or scheduled; true whenever {@code waiters} is not empty. */
        boolean looking;
        LeaseOutcome.Wait lastWait = new LeaseOutcome.Wait(0, true);

        WaitQueue(TokenRequirements requirements) {
            this.requirements = requirements;
        }
    }

    private static final class Waiter {
        final UniEmitter<? super Lease> emitter;
        final long deadlineNanos;
        final long startNanos = System.nanoTime();
        /** The requirements' kind (app, user, any): the label of the wait statistics. */
        final String kind;
        long timer = -1;
        /** Guarded by the queue: completed, failed or withdrawn. */
        boolean done;
        /** Had to queue for a point (counted once in the wait statistics). */
        volatile boolean queued;

        Waiter(UniEmitter<? super Lease> emitter, long deadlineNanos, String kind) {
            this.emitter = emitter;
            this.deadlineNanos = deadlineNanos;
            this.kind = kind;
        }

        long remainingMs() {
            return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        }
    }

    /** A caller that found nobody waiting tries at once; if it must wait it joins the queue. */
    private void firstLook(WaitQueue queue, Waiter waiter) {
        tokens.lease(queue.requirements).subscribe().with(outcome -> {
            if (outcome instanceof LeaseOutcome.Granted granted) {
                boolean taken;
                synchronized (queue) {
                    taken = !waiter.done;
                    waiter.done = true;
                }
                if (taken) {
                    deliver(waiter, granted);
                } else {
                    refund(granted, queue.requirements.cost());
                }
            } else if (outcome instanceof LeaseOutcome.Wait wait) {
                if (waiter.remainingMs() < wait.delayMs()) {
                    finish(queue, waiter, timeout(queue.requirements, wait));
                    return;
                }
                boolean startLooking;
                synchronized (queue) {
                    if (waiter.done) {
                        return;
                    }
                    queue.lastWait = wait;
                    queue.waiters.add(waiter);
                    startLooking = !queue.looking;
                    queue.looking = true;
                }
                waited(waiter);
                armDeadline(queue, waiter);
                if (startLooking) {
                    schedule(queue, wait.delayMs());
                }
            } else {
                finish(queue, waiter, new NoEligibleTokenException(queue.requirements, ((LeaseOutcome.None) outcome).allInvalid()));
            }
        }, failure -> finish(queue, waiter, failure));
    }

    /** The queue's head looks again; each point goes to the longest-waiting caller. */
    private void look(WaitQueue queue) {
        synchronized (queue) {
            queue.waiters.removeIf(w -> w.done);
            if (queue.waiters.isEmpty()) {
                queue.looking = false;
                return;
            }
        }
        tokens.lease(queue.requirements).subscribe().with(outcome -> {
            if (outcome instanceof LeaseOutcome.Granted granted) {
                Waiter head;
                synchronized (queue) {
                    head = queue.waiters.poll();
                    if (head != null) {
                        head.done = true;
                    }
                }
                if (head == null) {
                    refund(granted, queue.requirements.cost());
                } else {
                    deliver(head, granted);
                }
                look(queue);
            } else if (outcome instanceof LeaseOutcome.Wait wait) {
                List<Waiter> late = new ArrayList<>();
                synchronized (queue) {
                    queue.lastWait = wait;
                    for (Iterator<Waiter> it = queue.waiters.iterator(); it.hasNext(); ) {
                        Waiter w = it.next();
                        if (w.remainingMs() < wait.delayMs()) {
                            it.remove();
                            w.done = true;
                            late.add(w);
                        }
                    }
                }
                late.forEach(w -> fail(w, timeout(queue.requirements, wait)));
                schedule(queue, wait.delayMs());
            } else {
                failAll(queue, new NoEligibleTokenException(queue.requirements, ((LeaseOutcome.None) outcome).allInvalid()));
            }
        }, failure -> failAll(queue, failure));
    }

    private void schedule(WaitQueue queue, long delayMs) {
        // Every replica computes the same instant for the next point; a little random delay
        // makes the one that wins it a draw, not whichever has the quickest event loop.
        // A point that waits a few ms is not lost: it stays in the bucket.
        long jitter = ThreadLocalRandom.current().nextLong(Math.max(1, Math.min(MAX_JITTER_MS, delayMs / 4)) + 1);
        vertx.setTimer(Math.max(1, Math.min(delayMs, idlePollMs) + jitter), id -> look(queue));
    }

    private void armDeadline(WaitQueue queue, Waiter waiter) {
        long remaining = waiter.remainingMs();
        if (remaining <= 0) {
            expire(queue, waiter);
            return;
        }
        long timer = vertx.setTimer(remaining, id -> expire(queue, waiter));
        synchronized (queue) {
            waiter.timer = timer;
            if (waiter.done) {
                vertx.cancelTimer(timer);
            }
        }
    }

    private void expire(WaitQueue queue, Waiter waiter) {
        LeaseOutcome.Wait wait;
        synchronized (queue) {
            wait = queue.lastWait;
        }
        finish(queue, waiter, timeout(queue.requirements, wait));
    }

    private void withdraw(WaitQueue queue, Waiter waiter) {
        synchronized (queue) {
            waiter.done = true;
            queue.waiters.remove(waiter);
            if (waiter.timer >= 0) {
                vertx.cancelTimer(waiter.timer);
            }
        }
    }

    private void finish(WaitQueue queue, Waiter waiter, Throwable failure) {
        synchronized (queue) {
            if (waiter.done) {
                return;
            }
            waiter.done = true;
            queue.waiters.remove(waiter);
        }
        fail(waiter, failure);
    }

    private void failAll(WaitQueue queue, Throwable failure) {
        List<Waiter> all;
        synchronized (queue) {
            all = new ArrayList<>(queue.waiters);
            queue.waiters.clear();
            queue.looking = false;
            all.forEach(w -> w.done = true);
        }
        all.forEach(w -> fail(w, failure));
    }

    /** A caller joined a queue: counted in Redis for every replica's metrics (fire and forget). */
    private void waited(Waiter waiter) {
        if (!waiter.queued) {
            waiter.queued = true;
            buckets.recordLeaseStat("waits:" + waiter.kind, 1);
        }
    }

    private void fail(Waiter waiter, Throwable failure) {
        if (waiter.timer >= 0) {
            vertx.cancelTimer(waiter.timer);
        }
        if (failure instanceof LeaseTimeoutException) {
            buckets.recordLeaseStat("timeouts:" + waiter.kind, 1);
        }
        waiter.emitter.fail(failure);
    }

    private void deliver(Waiter waiter, LeaseOutcome.Granted granted) {
        if (waiter.timer >= 0) {
            vertx.cancelTimer(waiter.timer);
        }
        if (waiter.queued) {
            buckets.recordLeaseStat("wait-ms:" + waiter.kind, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - waiter.startNanos));
        }
        Lease lease;
        try {
            lease = new Lease(this, granted.tokenId(), granted.bucket(),
                    cipher.decrypt(granted.accessCiphertext(), TokenContexts.access(granted.tokenId())),
                    granted.generation(), Instant.ofEpochMilli(granted.redisNowMs()), granted.pointsLeft(),
                    parseScopes(granted.scopes()),
                    granted.expiresMs() == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(granted.expiresMs())));
        } catch (RuntimeException e) {
            LOG.errorf("Leased token %s cannot be decrypted: %s", granted.tokenId(), e.getMessage());
            waiter.emitter.fail(e);
            return;
        }
        waiter.emitter.complete(lease);
    }

    private void refund(LeaseOutcome.Granted granted, int cost) {
        buckets.refund(granted.bucket(), cost).subscribe().with(ok -> { },
                e -> LOG.warnf("Could not give back a point of %s: %s", granted.bucket(), e.getMessage()));
    }

    private static LeaseTimeoutException timeout(TokenRequirements requirements, LeaseOutcome.Wait wait) {
        return new LeaseTimeoutException(requirements,
                wait.rateLimited() ? LeaseTimeoutException.Reason.RATE_LIMITED : LeaseTimeoutException.Reason.TOKENS_PENDING,
                Duration.ofMillis(wait.delayMs()));
    }

    static Set<String> parseScopes(String scopes) {
        return scopes == null || scopes.isBlank() ? Set.of()
                : Arrays.stream(scopes.trim().split("\\s+")).collect(Collectors.toUnmodifiableSet());
    }
}
