package io.lurker.gql.service;

import io.lurker.gql.client.UpstreamHttp;
import io.lurker.gql.config.GqlConfig;
import io.lurker.gql.config.TwitchUrls;
import io.lurker.gql.repository.HashRegistry;
import io.lurker.tokenpool.problem.ProblemException;
import io.lurker.tokenpool.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Finds current persisted-query hashes the way Twitch's own client carries them: the channel
 * page names its script bundles, and a bundle holds {@code "sha256Hash":"<64 hex>"} right after
 * each operation's name. Found hashes replace the registry's.
 */
@ApplicationScoped
public class HashDiscovery {

    private static final Logger LOG = Logger.getLogger(HashDiscovery.class);
    private static final Pattern SCRIPT = Pattern.compile("<script[^>]*\\ssrc=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern HASH = Pattern.compile("\"?sha256Hash\"?\\s*:\\s*\"([0-9a-f]{64})\"");
    /** How far after an operation's name its hash may stand. */
    private static final int WINDOW = 400;
    private static final int MAX_SCRIPTS = 40;

    private final UpstreamHttp http;
    private final HashRegistry registry;
    private final GqlConfig config;
    private final TwitchUrls twitch;
    private volatile Instant lastRun = Instant.EPOCH;
    private volatile Map<String, String> lastFound = Map.of();

    private final GqlMetrics metrics;

    public HashDiscovery(UpstreamHttp http, HashRegistry registry, GqlConfig config, TwitchUrls twitch, GqlMetrics metrics) {
        this.metrics = metrics;
        this.http = http;
        this.registry = registry;
        this.config = config;
        this.twitch = twitch;
    }

    /** Reads the site's bundles now and stores every hash found. */
    public Map<String, String> rediscover() {
        return rediscover(Instant.now());
    }

    /**
     * Reads the site's bundles and stores every hash found, unless a run finished after
     * {@code failedAt} (the moment the caller saw a stale hash): concurrent callers share one run.
     */
    public synchronized Map<String, String> rediscover(Instant failedAt) {
        if (lastRun.isAfter(failedAt)) {
            return lastFound;
        }
        String pageUrl = twitch.webUrl() + "/" + config.discoveryChannel();
        UpstreamHttp.Answer page = http.get(pageUrl, config.userAgent());
        if (page.status() != 200) {
            metrics.rediscovery("failed");
            throw new ProblemException(ProblemType.UPSTREAM_ERROR, 502,
                    "Hash discovery: the channel page answered HTTP " + page.status());
        }
        Map<String, String> found = new LinkedHashMap<>();
        for (String script : scripts(pageUrl, page.body())) {
            UpstreamHttp.Answer bundle = http.get(script, config.userAgent());
            if (bundle.status() == 200) {
                found(bundle.body(), config.operations().keySet()).forEach(found::putIfAbsent);
            }
        }
        int changed = 0;
        for (Map.Entry<String, String> entry : found.entrySet()) {
            if (!registry.hash(entry.getKey()).map(entry.getValue()::equals).orElse(false)) {
                registry.set(entry.getKey(), entry.getValue(), "discovered");
                LOG.infof("Discovered a new hash for %s", entry.getKey());
                changed++;
            }
        }
        metrics.rediscovery(changed > 0 ? "changed" : "unchanged");
        lastRun = Instant.now();
        lastFound = Map.copyOf(found);
        return lastFound;
    }

    /** Absolute URLs of the page's scripts, in page order. */
    static List<String> scripts(String pageUrl, String html) {
        Set<String> urls = new LinkedHashSet<>();
        Matcher m = SCRIPT.matcher(html);
        URI base = URI.create(pageUrl);
        while (m.find() && urls.size() < MAX_SCRIPTS) {
            try {
                urls.add(base.resolve(m.group(1).replace("&amp;", "&")).toString());
            } catch (IllegalArgumentException e) {
                // not a URL: skip
            }
        }
        return new ArrayList<>(urls);
    }

    /** Each wanted operation's hash in a bundle: the first {@code sha256Hash} within a short distance after its quoted name. */
    static Map<String, String> found(String bundle, Set<String> operations) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String operation : operations) {
            String quoted = "\"" + operation + "\"";
            int at = bundle.indexOf(quoted);
            while (at >= 0 && !found.containsKey(operation)) {
                int from = at + quoted.length();
                Matcher m = HASH.matcher(bundle).region(from, Math.min(bundle.length(), from + WINDOW));
                if (m.find()) {
                    found.put(operation, m.group(1));
                }
                at = bundle.indexOf(quoted, from);
            }
        }
        return found;
    }
}
