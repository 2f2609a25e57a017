package io.lurker.helix.collector;

import io.lurker.helix.client.HelixReader;
import io.lurker.helix.config.HelixConfig;
import io.lurker.helix.messaging.EventPublisher;
import io.lurker.helix.messaging.EventPublisher.OutgoingEvent;
import io.lurker.helix.repository.JobLeaseStore;
import io.lurker.helix.repository.JobLeaseStore.JobLease;
import io.lurker.tokenpool.problem.ProblemException;
import io.lurker.tokenpool.problem.ProblemType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Runs collectors under a per-job Redis lease with fencing tokens, so across replicas a job
 * runs at most once at a time and each poll slot ({@code floor(now / interval)}) is done once.
 * The lease is renewed while a run lasts; a runner that lost it publishes nothing more and
 * records nothing. A poll's events are published with broker confirms; a poll that could not
 * be published stays pending in this replica and is published first next time (its slot is
 * not marked done, so if this replica dies another one polls the slot again).
 */
@ApplicationScoped
@Startup
public class CollectorRunner {

    private static final Logger LOG = Logger.getLogger(CollectorRunner.class);
    private static final int PUBLISH_ATTEMPTS = 3;

    /** What a run did, as {@code POST /api/v1/collectors/{name}/run} answers it. */
    public record RunReport(String collector, Instant since, Instant until, int requests, Map<String, Integer> published,
                            long durationMs) {
    }

    /** A job's status for {@code GET /api/v1/collectors}. */
    public record JobStatus(String name, long intervalSeconds, Instant lastRunAt, Instant lastSuccessAt, String lastError,
                            boolean running) {
    }

    /** A poll whose events are not all confirmed yet. */
    private record Pending(OptionalLong slot, List<OutgoingEvent> events, Optional<Map<String, String>> state) {
    }

    private final Map<String, Collector> collectors = new TreeMap<>();
    private final JobLeaseStore leases;
    private final EventPublisher publisher;
    private final HelixConfig config;
    private final String owner;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, AtomicBoolean> runningHere = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "helix-collector-lease");
        t.setDaemon(true);
        return t;
    });

    public CollectorRunner(Instance<Collector> all, JobLeaseStore leases, EventPublisher publisher, HelixConfig config,
                           MeterRegistry metrics) {
        all.forEach(c -> collectors.put(c.name(), c));
        this.leases = leases;
        this.publisher = publisher;
        this.config = config;
        this.owner = "helix-" + UUID.randomUUID();
        for (String name : collectors.keySet()) {
            AtomicLong last = new AtomicLong();
            lastSuccess.put(name, last);
            Gauge.builder("lurker.helix.collector.last.success", last, AtomicLong::get)
                    .description("Epoch seconds of the job's last successful run in this replica").tag("collector", name)
                    .register(metrics);
        }
    }

    public List<String> names() {
        return new ArrayList<>(collectors.keySet());
    }

    public Duration interval(String name) {
        HelixConfig.Job job = config.collectors().jobs().get(name);
        return job == null ? Duration.ofHours(1) : job.interval();
    }

    public boolean enabled(String name) {
        HelixConfig.Job job = config.collectors().jobs().get(name);
        return job != null && job.enabled();
    }

    /** On demand: waits up to {@code on-demand-wait} (60 s) for the job's lease (409 after), runs and answers once every batch is confirmed. */
    public RunReport runNow(String name, Optional<Instant> since, Optional<Instant> until) {
        Collector collector = collector(name);
        Instant now = Instant.now();
        Instant to = until.orElse(now);
        Instant from = since.orElse(to.minus(collector.defaultLookback()));
        if (from.isAfter(to)) {
            throw ProblemException.badParameter("since", "must not be after until");
        }
        long deadline = System.nanoTime() + config.collectors().onDemandWait().toNanos();
        Optional<JobLease> lease = leases.tryAcquire(name, owner, config.collectors().leaseTtl());
        while (lease.isEmpty() && System.nanoTime() < deadline) {
            sleep(250);
            lease = leases.tryAcquire(name, owner, config.collectors().leaseTtl());
        }
        if (lease.isEmpty()) {
            throw new ProblemException(ProblemType.CONFLICT, 409, "Collector " + name + " is running elsewhere (waited " + config.collectors().onDemandWait().toSeconds() + " s); try again later");
        }
        return execute(collector, lease.get(), from, to, OptionalLong.empty(), "run-" + UUID.randomUUID());
    }

    /**
     * A scheduled poll of the slot containing {@code now}: runs only if the slot is not done and
     * the lease is free. True if this call ran (or finished) the slot.
     */
    public boolean runScheduled(String name, Instant now) {
        Collector collector = collector(name);
        long intervalSeconds = Math.max(1, interval(name).toSeconds());
        long slot = now.getEpochSecond() / intervalSeconds;
        if (leases.lastSlot(name).orElse(-1) >= slot && !pending.containsKey(name)) {
            return false;
        }
        Optional<JobLease> lease = leases.tryAcquire(name, owner, config.collectors().leaseTtl());
        if (lease.isEmpty()) {
            return false;
        }
        try {
            if (leases.lastSlot(name).orElse(-1) >= slot && !pending.containsKey(name)) {
                return false;
            }
            Instant slotStart = Instant.ofEpochSecond(slot * intervalSeconds);
            Instant until = slotStart.plusSeconds(intervalSeconds).isAfter(now) ? now : slotStart.plusSeconds(intervalSeconds);
            Duration lookback = collector.defaultLookback().isZero() ? Duration.ofSeconds(intervalSeconds) : collector.defaultLookback();
            execute(collector, lease.get(), until.minus(lookback), until, OptionalLong.of(slot), name + "-" + slot);
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("Collector %s failed: %s", name, e.getMessage());
            return false;
        } finally {
            leases.release(lease.get());
        }
    }

    /** Whether the job should poll at {@code now}: its slot is not done and this replica's jittered moment in it has come. */
    public boolean due(String name, Instant now) {
        long intervalSeconds = Math.max(1, interval(name).toSeconds());
        long slot = now.getEpochSecond() / intervalSeconds;
        if (leases.lastSlot(name).orElse(-1) >= slot && !pending.containsKey(name)) {
            return false;
        }
        long maxJitter = (long) (intervalSeconds * 1000 * Math.max(0, Math.min(0.9, config.collectors().jitter())));
        long offset = maxJitter == 0 ? 0 : Math.floorMod((owner + slot).hashCode(), maxJitter);
        return now.toEpochMilli() >= slot * intervalSeconds * 1000 + offset;
    }

    /** Ticks: launches the due jobs on their own threads (one run per job per replica at a time). */
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "helix-collector");
        t.setDaemon(true);
        return t;
    });

    public void tick(Instant now) {
        for (String name : collectors.keySet()) {
            if (!enabled(name)) {
                continue;
            }
            AtomicBoolean running = runningHere.computeIfAbsent(name, n -> new AtomicBoolean());
            try {
                if (running.get() || !due(name, now)) {
                    continue;
                }
            } catch (RuntimeException e) {
                LOG.debugf("Collector %s: cannot check the slot (%s)", name, e.getMessage());
                continue;
            }
            if (running.compareAndSet(false, true)) {
                workers.submit(() -> {
                    try {
                        runScheduled(name, Instant.now());
                    } finally {
                        running.set(false);
                    }
                });
            }
        }
    }

    private RunReport execute(Collector collector, JobLease lease, Instant since, Instant until, OptionalLong slot, String pollId) {
        String name = collector.name();
        long started = System.nanoTime();
        AtomicBoolean lost = new AtomicBoolean();
        Duration ttl = config.collectors().leaseTtl();
        ScheduledFuture<?> renewal = renewals.scheduleAtFixedRate(() -> {
            try {
                if (!leases.renew(lease, ttl)) {
                    lost.set(true);
                }
            } catch (RuntimeException e) {
                LOG.debugf("Lease renewal of %s failed: %s", name, e.getMessage());
            }
        }, ttl.toMillis() / 3, ttl.toMillis() / 3, TimeUnit.MILLISECONDS);
        Map<String, String> status = new LinkedHashMap<>();
        status.put("lastRunAt", Instant.now().toString());
        leases.status(name, status);
        int callsBefore = HelixReader.callsOnThisThread();
        try {
            Map<String, Integer> published = new TreeMap<>();
            Pending earlier = pending.get(name);
            if (earlier != null) {
                publishPoll(lease, lost, earlier, published);
                pending.remove(name);
                if (slot.isPresent() && earlier.slot().isPresent() && earlier.slot().getAsLong() >= slot.getAsLong()) {
                    return succeeded(name, since, until, callsBefore, published, started);
                }
            }
            Collector.Poll poll = collector.collect(new Collector.Run(since, until, Instant.now(), pollId,
                    (int) interval(name).toSeconds(), leases.state(name)));
            Pending current = new Pending(slot, poll.events(), poll.state());
            try {
                publishPoll(lease, lost, current, published);
            } catch (RuntimeException e) {
                if (!lost.get()) {
                    pending.put(name, current);
                }
                throw e;
            }
            return succeeded(name, since, until, callsBefore, published, started);
        } catch (RuntimeException e) {
            leases.status(name, Map.of("lastError", Instant.now() + " " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
            throw e;
        } finally {
            renewal.cancel(false);
            if (!slot.isPresent()) {
                leases.release(lease);
            }
        }
    }

    private RunReport succeeded(String name, Instant since, Instant until, int callsBefore, Map<String, Integer> published,
                                long started) {
        leases.status(name, Map.of("lastSuccessAt", Instant.now().toString(), "lastError", ""));
        lastSuccess.get(name).set(Instant.now().getEpochSecond());
        return new RunReport(name, since, until, HelixReader.callsOnThisThread() - callsBefore, published,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** Publishes a poll's events (each confirmed), then its state and slot, all while the lease is current. */
    private void publishPoll(JobLease lease, AtomicBoolean lost, Pending poll, Map<String, Integer> published) {
        for (OutgoingEvent event : poll.events()) {
            if (lost.get() || !leases.holds(lease)) {
                lost.set(true);
                throw new ProblemException(ProblemType.CONFLICT, 409, "Collector " + lease.job() + " lost its lease; another replica took over");
            }
            publishWithRetry(event);
            published.merge(event.routingKey(), 1, Integer::sum);
        }
        poll.state().ifPresent(state -> leases.replaceState(lease, state));
        if (poll.slot().isPresent() && !leases.complete(lease, poll.slot().getAsLong())) {
            lost.set(true);
            throw new ProblemException(ProblemType.CONFLICT, 409, "Collector " + lease.job() + " lost its lease before recording its poll");
        }
    }

    private void publishWithRetry(OutgoingEvent event) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < PUBLISH_ATTEMPTS; attempt++) {
            try {
                publisher.publish(event);
                return;
            } catch (RuntimeException e) {
                last = e;
                LOG.warnf("Publishing %s %s failed (attempt %d): %s", event.routingKey(), event.messageId(), attempt + 1, e.getMessage());
                sleep(ThreadLocalRandom.current().nextLong(200, 1000) * (attempt + 1));
            }
        }
        throw new ProblemException(ProblemType.UNAVAILABLE, 503, "RabbitMQ did not confirm " + event.routingKey()
                + " (kept, published again next run): " + (last == null ? "" : last.getClass().getSimpleName()));
    }

    public List<JobStatus> statuses() {
        List<JobStatus> out = new ArrayList<>();
        for (String name : collectors.keySet()) {
            Map<String, String> s = leases.status(name);
            out.add(new JobStatus(name, interval(name).toSeconds(), instant(s.get("lastRunAt")), instant(s.get("lastSuccessAt")),
                    s.getOrDefault("lastError", "").isEmpty() ? null : s.get("lastError"), leases.leaseHeld(name)));
        }
        return out;
    }

    /** Pending (unconfirmed) polls in this replica, by job. */
    public Map<String, Integer> pendingEvents() {
        Map<String, Integer> out = new TreeMap<>();
        pending.forEach((k, v) -> out.put(k, v.events().size()));
        return out;
    }

    private Collector collector(String name) {
        Collector c = collectors.get(name);
        if (c == null) {
            throw ProblemException.notFound("No collector '" + name + "'; collectors: " + String.join(", ", collectors.keySet()));
        }
        return c;
    }

    private static Instant instant(String value) {
        try {
            return value == null || value.isEmpty() ? null : Instant.parse(value);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("interrupted");
        }
    }

    void stop(@Observes ShutdownEvent event) {
        workers.shutdownNow();
        renewals.shutdownNow();
    }
}
