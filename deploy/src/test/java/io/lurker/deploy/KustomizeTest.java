package io.lurker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Renders both overlays with {@code kubectl kustomize} (Debian's kubernetes-client) and checks
 * the objects a platform team would apply: every service with probes, resources, its port and
 * only variables it reads; PodDisruptionBudgets; autoscalers for chat-ingest and helix-gateway;
 * an Ingress to the gateway; secrets referenced, never defined; the emulator in dev only.
 */
class KustomizeTest {

    static final List<String> SERVICES = List.of("auth-service", "helix-gateway", "gql-gateway", "integrity-service",
            "chat-ingest", "analytics-service");

    record Rendered(List<Map<String, Object>> objects) {

        List<Map<String, Object>> ofKind(String kind) {
            return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
        }

        Map<String, Object> get(String kind, String name) {
            return ofKind(kind).stream().filter(o -> name.equals(name(o))).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
        }
    }

    static Rendered render(String overlay) throws IOException, InterruptedException {
        Path dir = Repo.root().resolve("deploy/k8s/overlays").resolve(overlay);
        Process p = new ProcessBuilder("/usr/bin/kubectl", "kustomize", dir.toString()).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(out)) {
            if (doc != null) {
                objects.add(cast(doc));
            }
        }
        return new Rendered(objects);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceRunsWithProbesResourcesAndItsOwnPort(String overlay) throws Exception {
        Rendered r = render(overlay);
        Path repo = Repo.root();
        for (String svc : SERVICES) {
            Map<String, Object> deployment = r.get("Deployment", svc);
            Map<String, Object> container = container(deployment);
            int port = new ServiceConfig(repo, svc).httpPort();
            assertThat(((Number) map(list(container, "ports").get(0)).get("containerPort")).intValue()).as(svc).isEqualTo(port);
            assertThat(path(container, "startupProbe", "httpGet", "path")).isEqualTo("/q/health/started");
            assertThat(path(container, "livenessProbe", "httpGet", "path")).isEqualTo("/q/health/live");
            assertThat(path(container, "readinessProbe", "httpGet", "path")).isEqualTo("/q/health/ready");
            assertThat(path(container, "resources", "requests", "cpu")).as(svc).isNotNull();
            assertThat(path(container, "resources", "requests", "memory")).as(svc).isNotNull();
            assertThat(path(container, "resources", "limits", "memory")).as(svc).isNotNull();

            Map<String, Object> service = r.get("Service", svc);
            Map<String, Object> servicePort = cast(list(cast(service.get("spec")), "ports").get(0));
            assertThat(((Number) servicePort.get("port")).intValue()).isEqualTo(port);
            assertThat(selector(service)).isEqualTo(podLabels(deployment));
        }
        // every Deployment has a disruption budget that selects its pods
        for (Map<String, Object> deployment : r.ofKind("Deployment")) {
            if (name(deployment).equals("twitch-emulator")) {
                continue;
            }
            Map<String, Object> pdb = r.get("PodDisruptionBudget", name(deployment));
            Map<String, Object> matchLabels = cast(path(pdb, "spec", "selector", "matchLabels"));
            assertThat(podLabels(deployment)).containsAllEntriesOf(cast(matchLabels));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void chatIngestAndHelixGatewayAutoscale(String overlay) throws Exception {
        Rendered r = render(overlay);
        Set<String> targets = new HashSet<>();
        for (Map<String, Object> hpa : r.ofKind("HorizontalPodAutoscaler")) {
            assertThat(hpa.get("apiVersion")).isEqualTo("autoscaling/v2");
            String target = (String) path(hpa, "spec", "scaleTargetRef", "name");
            r.get("Deployment", target);
            int min = ((Number) path(hpa, "spec", "minReplicas")).intValue();
            int max = ((Number) path(hpa, "spec", "maxReplicas")).intValue();
            assertThat(max).isGreaterThan(min);
            targets.add(target);
        }
        assertThat(targets).containsExactlyInAnyOrder("chat-ingest", "helix-gateway");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void ingressReachesTheGatewayWhichReachesEveryService(String overlay) throws Exception {
        Rendered r = render(overlay);
        Map<String, Object> ingress = r.ofKind("Ingress").get(0);
        Map<String, Object> backend = cast(path(cast(list(cast(path(cast(list(cast(ingress.get("spec")), "rules").get(0)),
                "http")), "paths").get(0)), "backend", "service"));
        assertThat(backend.get("name")).isEqualTo("gateway");
        r.get("Service", "gateway");

        Map<String, Object> gateway = container(r.get("Deployment", "gateway"));
        Map<String, String> env = new java.util.HashMap<>();
        for (Object e : list(gateway, "env")) {
            env.put((String) map(e).get("name"), String.valueOf(map(e).get("value")));
        }
        String template = Files.readString(Repo.root().resolve("deploy/gateway/templates/lurker.conf.template"));
        Matcher m = Pattern.compile("\\$\\{(LURKER_[A-Z_]+)}").matcher(template);
        while (m.find()) {
            assertThat(env).containsKey(m.group(1));
        }
        for (String svc : SERVICES) {
            String short_ = svc.substring(0, svc.indexOf('-')).toUpperCase(java.util.Locale.ROOT);
            assertThat(env.get("LURKER_" + short_ + "_UPSTREAM"))
                    .isEqualTo(svc + ":" + new ServiceConfig(Repo.root(), svc).httpPort());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void secretsAreReferencedNeverDefinedAndEveryVariableIsRead(String overlay) throws Exception {
        Rendered r = render(overlay);
        assertThat(r.ofKind("Secret")).isEmpty();
        Map<String, Object> config = r.get("ConfigMap", "lurker-config");
        Map<String, Object> configData = cast(config.get("data"));
        Set<String> readSomewhere = new HashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String svc : SERVICES) {
            ServiceConfig serviceConfig = new ServiceConfig(Repo.root(), svc);
            Map<String, Object> container = container(r.get("Deployment", svc));
            assertThat(path(cast(list(container, "envFrom").get(0)), "configMapRef", "name")).isEqualTo("lurker-config");
            for (Object o : list(container, "env")) {
                Map<String, Object> e = cast(o);
                String name = (String) e.get("name");
                if (e.containsKey("valueFrom")) {
                    assertThat(path(e, "valueFrom", "secretKeyRef", "name")).isEqualTo("lurker-secrets");
                }
                if (name.matches(".*(SECRET|PASSWORD|SERVICE_TOKEN|ENCRYPTION_KEYS).*")) {
                    assertThat(e).as(svc + " " + name + " comes from a secret").containsKey("valueFrom").doesNotContainKey("value");
                }
                if (serviceConfig.configured() && !name.equals("JAVA_OPTS_APPEND") && !serviceConfig.reads(name)) {
                    unknown.add(svc + ": " + name);
                }
            }
            configData.keySet().stream().filter(serviceConfig::reads).forEach(readSomewhere::add);
        }
        assertThat(unknown).as("variables no code or config reads").isEmpty();
        // a key of the shared ConfigMap that no configured service reads yet must be a skeleton's (helix, auth)
        Set<String> unread = new HashSet<>(configData.keySet());
        unread.removeAll(readSomewhere);
        assertThat(unread).allSatisfy(k -> assertThat(k).matches("LURKER_TWITCH_.*|PG.*|REDIS_URL|HELIX_GATEWAY_URL|RABBITMQ_.*|LURKER_GQL_.*|LURKER_INTEGRITY_.*"));
    }

    @Test
    void devRunsTheEmulatorAndPointsEveryTwitchUrlAtIt() throws Exception {
        Rendered dev = render("dev");
        Map<String, Object> emulator = dev.get("Deployment", "twitch-emulator");
        dev.get("Service", "twitch-emulator");
        assertThat(((Map<?, ?>) emulator.get("metadata")).get("namespace")).isEqualTo("lurker-dev");
        Map<String, Object> data = cast(dev.get("ConfigMap", "lurker-config").get("data"));
        for (String key : ServiceConfig.TWITCH_KEYS) {
            String variable = ServiceConfig.envName("lurker.twitch." + key);
            assertThat(data).containsKey(variable);
            if (key.endsWith("-url")) {
                assertThat((String) data.get(variable)).startsWith("http://twitch-emulator:8090/");
            }
        }
        assertThat(data.get("LURKER_TWITCH_IRC_HOST")).isEqualTo("twitch-emulator");
        for (Map<String, Object> d : dev.ofKind("Deployment")) {
            assertThat(((Number) path(d, "spec", "replicas")).intValue()).isEqualTo(1);
        }
    }

    @Test
    void prodTalksToRealTwitchOnly() throws Exception {
        Rendered prod = render("prod");
        assertThat(prod.objects()).noneMatch(o -> "twitch-emulator".equals(name(o)));
        Map<String, Object> data = cast(prod.get("ConfigMap", "lurker-config").get("data"));
        assertThat(data.get("LURKER_TWITCH_HELIX_URL")).isEqualTo("https://api.twitch.tv/helix");
        assertThat(data.get("LURKER_TWITCH_ID_URL")).isEqualTo("https://id.twitch.tv/oauth2");
        assertThat(data.values()).noneMatch(v -> String.valueOf(v).contains("emulator"));
        assertThat(path(prod.ofKind("Ingress").get(0), "spec", "tls")).isNotNull();
        for (Map<String, Object> o : prod.objects()) {
            assertThat(((Map<?, ?>) o.get("metadata")).get("namespace")).as(name(o)).isEqualTo("lurker");
        }
    }

    // ------------------------------------------------------------------ helpers

    @SuppressWarnings("unchecked")
    static <T> T cast(Object o) {
        return (T) o;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    static String name(Map<String, Object> o) {
        return (String) ((Map<?, ?>) o.get("metadata")).get("name");
    }

    static Object path(Map<String, Object> o, String... keys) {
        Object cur = o;
        for (String k : keys) {
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            cur = m.get(k);
        }
        return cur;
    }

    static List<Object> list(Map<String, Object> o, String key) {
        return cast(Objects.requireNonNull(o.get(key), key));
    }

    static Map<String, Object> container(Map<String, Object> deployment) {
        return cast(list(cast(path(deployment, "spec", "template", "spec")), "containers").get(0));
    }

    static Map<String, Object> podLabels(Map<String, Object> deployment) {
        return cast(path(deployment, "spec", "template", "metadata", "labels"));
    }

    static Map<String, Object> selector(Map<String, Object> service) {
        return cast(path(service, "spec", "selector"));
    }
}
