package io.lurker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * There is no container engine here, so docker-compose.yml is checked against the code: it is
 * well-formed YAML, names every service (each built from a reactor module with its Dockerfiles),
 * the ports are the ones the services listen on, every variable it gives a service is one that
 * service reads, the gateway's upstreams are the services, and no secret is written in it.
 */
class ComposeTest {

    static final Set<String> QUARKUS_SERVICES = Set.of("auth-service", "helix-gateway", "gql-gateway", "integrity-service",
            "chat-ingest", "analytics-service", "twitch-emulator");

    static Path repo;
    static String text;
    static Map<String, Object> compose;
    static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        repo = Repo.root();
        text = Files.readString(repo.resolve("docker-compose.yml"));
        compose = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void namesInfrastructureEveryServiceTheGatewayAndTheEmulatorUnderDemo() {
        assertThat(services.keySet()).containsExactlyInAnyOrder("postgres", "redis", "rabbitmq", "auth-service",
                "helix-gateway", "gql-gateway", "integrity-service", "chat-ingest", "analytics-service", "gateway",
                "twitch-emulator");
        assertThat((String) services.get("rabbitmq").get("image")).contains("management");
        assertThat(services.get("twitch-emulator").get("profiles")).isEqualTo(List.of("demo"));
        services.forEach((name, s) -> {
            if (!name.equals("twitch-emulator")) {
                assertThat(s).as(name + " runs in every profile").doesNotContainKey("profiles");
            }
            assertThat(s).as(name + " has a health check").containsKey("healthcheck");
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void postgresAndRabbitmqKeepTheirDataInNamedVolumes() {
        Map<String, Object> volumes = (Map<String, Object>) compose.get("volumes");
        for (String svc : List.of("postgres", "rabbitmq", "chat-ingest")) {
            List<String> mounts = (List<String>) services.get(svc).get("volumes");
            assertThat(mounts).as(svc).isNotEmpty();
            String source = mounts.get(0).split(":")[0];
            assertThat(volumes).as(svc + " volume " + source).containsKey(source);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceIsBuiltFromItsModuleAndListensWhereItsConfigSays() throws IOException {
        String rootPom = Files.readString(repo.resolve("pom.xml"));
        for (String svc : QUARKUS_SERVICES) {
            Map<String, Object> build = (Map<String, Object>) services.get(svc).get("build");
            assertThat(build).as(svc).isNotNull();
            Path context = repo.resolve((String) build.get("context")).normalize();
            String module = context.getFileName().toString();
            assertThat(module).isEqualTo(svc);
            assertThat(rootPom).contains("<module>" + module + "</module>");
            Path dockerfile = context.resolve((String) build.get("dockerfile"));
            assertThat(dockerfile).exists();
            assertThat(context.resolve("src/main/docker/Dockerfile.native-micro")).exists();

            int port = new ServiceConfig(repo, module).httpPort();
            assertThat(Files.readString(dockerfile)).as(svc + " Dockerfile").contains("EXPOSE " + port);
            String health = String.join(" ", (List<String>) ((Map<String, Object>) services.get(svc).get("healthcheck")).get("test"));
            assertThat(health).as(svc + " health check").contains("localhost:" + port + "/q/health/ready");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyVariableGivenToAServiceIsOneItReads() {
        List<String> unknown = new ArrayList<>();
        Map<String, Integer> checked = new LinkedHashMap<>();
        for (String svc : QUARKUS_SERVICES) {
            ServiceConfig config = new ServiceConfig(repo, svc);
            Map<String, Object> env = (Map<String, Object>) services.get(svc).get("environment");
            assertThat(env).as(svc).isNotEmpty();
            if (!config.configured() && !svc.equals("twitch-emulator")) {
                // a module still at the skeleton reads nothing yet; its variables are DESIGN.md's conventions
                continue;
            }
            for (String variable : env.keySet()) {
                if (!config.reads(variable)) {
                    unknown.add(svc + ": " + variable);
                }
            }
            checked.put(svc, env.size());
        }
        assertThat(unknown).as("variables no code or config reads").isEmpty();
        assertThat(checked).containsKeys("analytics-service", "gql-gateway", "integrity-service", "chat-ingest", "twitch-emulator");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theGatewayRendersItsTemplateWithTheServicesAsUpstreams() throws IOException {
        Map<String, Object> gateway = services.get("gateway");
        Map<String, Object> env = (Map<String, Object>) gateway.get("environment");
        String template = Files.readString(repo.resolve("deploy/gateway/templates/lurker.conf.template"));
        Matcher m = Pattern.compile("\\$\\{(LURKER_[A-Z_]+)}").matcher(template);
        Set<String> placeholders = new TreeSet<>();
        while (m.find()) {
            placeholders.add(m.group(1));
        }
        assertThat(env.keySet()).containsAll(placeholders);
        Map<String, String> upstreams = Map.of("LURKER_AUTH_UPSTREAM", "auth-service", "LURKER_HELIX_UPSTREAM", "helix-gateway",
                "LURKER_GQL_UPSTREAM", "gql-gateway", "LURKER_INTEGRITY_UPSTREAM", "integrity-service",
                "LURKER_CHAT_UPSTREAM", "chat-ingest", "LURKER_ANALYTICS_UPSTREAM", "analytics-service");
        upstreams.forEach((variable, svc) -> {
            String[] hostPort = env.get(variable).toString().split(":");
            assertThat(hostPort[0]).isEqualTo(svc);
            assertThat(Integer.parseInt(hostPort[1])).isEqualTo(new ServiceConfig(repo, svc).httpPort());
        });
        List<String> mounts = (List<String>) gateway.get("volumes");
        assertThat(mounts).anySatisfy(v -> assertThat(v).startsWith("./deploy/gateway/templates:/etc/nginx/templates"));
        assertThat(repo.resolve("deploy/gateway/templates")).isDirectory();
        assertThat((List<String>) gateway.get("ports")).contains("8080:8080");
    }

    @Test
    @SuppressWarnings("unchecked")
    void noSecretIsWrittenInTheFile() {
        Pattern secretName = Pattern.compile("(SECRET|PASSWORD|_PASS$|SERVICE_TOKEN|ENCRYPTION_KEYS)");
        Pattern interpolationOnly = Pattern.compile("\\$\\{[A-Z_]+(:\\?[^}]*|:-)?}");
        for (Map.Entry<String, Map<String, Object>> s : services.entrySet()) {
            Map<String, Object> env = (Map<String, Object>) s.getValue().get("environment");
            if (env == null) {
                continue;
            }
            env.forEach((k, v) -> {
                if (secretName.matcher(k).find()) {
                    assertThat(String.valueOf(v)).as(s.getKey() + " " + k + " comes from the environment without a default")
                            .matches(interpolationOnly);
                }
            });
        }
        assertThat(text).doesNotContain("lurker-dev-secret").doesNotContain("BEGIN PRIVATE KEY").doesNotContain("eyJ");
        Map<String, Map<String, Object>> secrets = (Map<String, Map<String, Object>>) compose.get("secrets");
        secrets.values().forEach(secret -> assertThat(secret).containsOnlyKeys("file"));
    }
}
