package io.lurker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dashboards in deploy/grafana are valid Grafana JSON and every Lurker metric they query is
 * one a service registers in its code (Micrometer names as Prometheus exposes them: dots become
 * underscores, counters end in _total, timers in _seconds_count/_sum/_max, and _seconds_bucket only
 * when the timer publishes a histogram). Other metrics must be RabbitMQ's, the JVM's or HTTP's.
 */
class GrafanaDashboardsTest {

    private static final Pattern REGISTERED = Pattern.compile(
            "(Counter|Gauge|MultiGauge|Timer|DistributionSummary|FunctionCounter)\\.builder\\(\"([a-z0-9_.]+)\"|"
                    + "\\.(gauge|counter|timer|summary)\\(\"([a-z0-9_.]+)\"|"
                    // a Prometheus-style name handed to a registering helper, e.g. leaseGauge(registry, "lurker_x", ...)
                    + "\\(\\w+, \"(lurker_[a-z0-9_]+)\"");
    private static final Pattern METRIC = Pattern.compile("\\b([a-z_][a-z0-9_]*)\\s*(?=\\{|\\[|\\)|$)");
    private static final List<String> SUFFIXES = List.of("_seconds_bucket", "_seconds_count", "_seconds_sum", "_seconds_max",
            "_total", "_seconds", "_bytes", "_bucket", "_count", "_sum", "_max", "");
    private static final Set<String> PROMQL = Set.of("sum", "rate", "increase", "topk", "count", "max", "min", "avg", "by",
            "histogram_quantile", "irate", "without", "le");

    @Test
    void dashboardsQueryOnlyMetricsTheServicesExpose() throws IOException {
        Path repo = Repo.root();
        Map<String, Boolean> registered = registeredMetrics(repo); // prometheus base name -> publishes a histogram
        ObjectMapper json = new ObjectMapper();
        List<String> unknown = new ArrayList<>();
        Set<String> uids = new HashSet<>();
        Set<String> lurkerMetrics = new HashSet<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(repo.resolve("deploy/grafana"))) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(3);
        for (Path file : files) {
            JsonNode d = json.readTree(file.toFile());
            assertThat(d.path("title").asText()).as(file.toString()).startsWith("Lurker");
            assertThat(uids.add(d.path("uid").asText())).as("unique uid " + file).isTrue();
            assertThat(d.path("panels").size()).as(file.toString()).isPositive();
            for (JsonNode panel : d.path("panels")) {
                assertThat(panel.path("targets").size()).as(panel.path("title").asText()).isPositive();
                for (JsonNode target : panel.path("targets")) {
                    String expr = target.path("expr").asText().replaceAll("\\{[^}]*}", "{}")
                            .replaceAll("\\b(by|without)\\s*\\([^)]*\\)", "");
                    Matcher m = METRIC.matcher(expr);
                    while (m.find()) {
                        String metric = m.group(1);
                        if (PROMQL.contains(metric)) {
                            continue;
                        }
                        if (metric.startsWith("lurker_")) {
                            lurkerMetrics.add(metric);
                            if (!exposed(metric, registered)) {
                                unknown.add(file.getFileName() + ": " + metric);
                            }
                        } else if (!metric.matches("(rabbitmq|http_server|jvm|process|system)_.*|up")) {
                            unknown.add(file.getFileName() + ": " + metric + " (not Lurker's, RabbitMQ's, HTTP's or the JVM's)");
                        }
                    }
                }
            }
        }
        assertThat(unknown).as("metrics no service exposes").isEmpty();
        assertThat(lurkerMetrics).isNotEmpty();
    }

    private static boolean exposed(String metric, Map<String, Boolean> registered) {
        for (String suffix : SUFFIXES) {
            if (metric.endsWith(suffix)) {
                String base = metric.substring(0, metric.length() - suffix.length());
                Boolean histogram = registered.get(base);
                if (histogram == null && suffix.startsWith("_seconds")) {
                    histogram = registered.get(base + "_seconds");
                }
                if (histogram != null) {
                    return !suffix.endsWith("_bucket") || histogram;
                }
            }
        }
        return false;
    }

    private static Map<String, Boolean> registeredMetrics(Path repo) throws IOException {
        Map<String, Boolean> names = new HashMap<>();
        List<Path> sources;
        try (Stream<Path> s = Files.walk(repo, 14)) {
            sources = s.filter(p -> p.toString().contains("/src/main/java/") && p.toString().endsWith(".java")).toList();
        }
        for (Path f : sources) {
            String text = Files.readString(f);
            Matcher m = REGISTERED.matcher(text);
            while (m.find()) {
                String name = m.group(2) != null ? m.group(2) : m.group(4) != null ? m.group(4) : m.group(5);
                int end = text.indexOf(';', m.end());
                boolean histogram = end > 0 && text.substring(m.end(), end).contains("publishPercentileHistogram");
                names.merge(name.replace('.', '_'), histogram, Boolean::logicalOr);
            }
        }
        return names;
    }
}
