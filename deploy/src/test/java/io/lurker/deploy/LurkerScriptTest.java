package io.lurker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees from {@code ./lurker} without starting anything: refused options with a
 * reason and exit code 2, status and down on an empty run folder, logs of an unknown part, and
 * the commands that need auth-service's scripts failing with a message naming them.
 * (The commands that start the suite are exercised by PipelineEndToEndIT.)
 */
class LurkerScriptTest {

    @TempDir
    Path runDir;

    record Result(int exit, String out) {
    }

    Result lurker(String... args) throws IOException, InterruptedException {
        return lurker(List.of(), args);
    }

    Result lurker(List<String> env, String... args) throws IOException, InterruptedException {
        Path repo = Repo.root();
        List<String> command = new ArrayList<>();
        command.add(repo.resolve("lurker").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true);
        pb.environment().put("LURKER_RUN_DIR", runDir.toString());
        for (String kv : env) {
            pb.environment().put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    @Test
    void helpListsTheCommands() throws Exception {
        Result help = lurker("help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("pipeline --game NAME", "up ", "down ", "status ", "logs PART", "token --role", "test ",
                "emulator ");
        Result unknown = lurker("deploy-everything");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.out()).contains("unknown command 'deploy-everything'");
    }

    @Test
    void pipelineRefusesBadOptionsBeforeStartingAnything() throws Exception {
        Result noGame = lurker("pipeline");
        assertThat(noGame.exit()).isEqualTo(2);
        assertThat(noGame.out()).contains("pipeline needs --game NAME");

        Result days = lurker("pipeline", "--game", "Chess", "--days", "seven");
        assertThat(days.exit()).isEqualTo(2);
        assertThat(days.out()).contains("--days must be a whole number from 1 to 90 (got 'seven')");

        Result top = lurker("pipeline", "--game", "Chess", "--top-channels", "0");
        assertThat(top.exit()).isEqualTo(2);
        assertThat(top.out()).contains("--top-channels must be a whole number from 1 to 100");

        Result option = lurker("pipeline", "--game", "Chess", "--viewers", "5");
        assertThat(option.exit()).isEqualTo(2);
        assertThat(option.out()).contains("unknown pipeline option '--viewers'");
        assertThat(runDir.resolve("pids")).doesNotExist();
    }

    @Test
    void statusDownAndLogsOnAnEmptyRunFolder() throws Exception {
        Result status = lurker("status");
        assertThat(status.exit()).as("nothing runs").isEqualTo(1);
        for (String part : List.of("twitch-emulator", "auth-service", "helix-gateway", "gql-gateway", "integrity-service",
                "chat-ingest", "analytics-service", "gateway")) {
            assertThat(status.out()).containsPattern(part + "\\s+\\d+\\s+-\\s+STOPPED");
        }
        Result down = lurker("down");
        assertThat(down.exit()).isZero();
        assertThat(down.out()).contains("nothing is running");

        Result logs = lurker("logs", "kafka");
        assertThat(logs.exit()).isEqualTo(2);
        assertThat(logs.out()).contains("logs needs a part: auth, helix, gql, integrity, chat, analytics, emulator, gateway");
        Result noLog = lurker("logs", "chat");
        assertThat(noLog.exit()).isEqualTo(1);
        assertThat(noLog.out()).contains("no log for chat-ingest yet");

        Files.createDirectories(runDir.resolve("logs"));
        Files.writeString(runDir.resolve("logs/chat-ingest.log"), "first line\nlast line\n");
        Result log = lurker("logs", "chat-ingest");
        assertThat(log.exit()).isZero();
        assertThat(log.out()).isEqualTo("first line\nlast line\n");
    }

    @Test
    void tokenNamesTheMissingScript() throws Exception {
        Result token = lurker(List.of("LURKER_TOKEN_SH=" + runDir.resolve("absent/token.sh")), "token", "--role", "admin");
        assertThat(token.exit()).isNotZero();
        assertThat(token.out()).contains("absent/token.sh is missing (it comes with auth-service)");
    }
}
