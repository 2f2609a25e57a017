package io.lurker.tokenpool.repository;

import io.lurker.tokenpool.config.TokenPoolConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.impl.types.ErrorType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The pool's only door to Redis: runs the Lua scripts by {@code EVALSHA} (loading a script
 * when Redis answers {@code NOSCRIPT}), bounds every command by {@code redis-timeout}, and
 * turns connection failures into {@link TokenPoolUnavailableException}. Uses the application's
 * default Quarkus Redis client; its pool reconnects by itself when Redis returns.
 */
@ApplicationScoped
public class PoolStore {

    private static final Logger LOG = Logger.getLogger(PoolStore.class);
    /** Error replies that mean "not now" rather than "wrong command". */
    private static final Set<String> TRANSIENT_ERRORS = Set.of("LOADING", "BUSY", "MASTERDOWN", "READONLY", "TRYAGAIN",
            "CLUSTERDOWN", "NOREPLICAS");

    private final Redis redis;
    private final String prefix;
    private final Duration timeout;

    @Inject
    public PoolStore(Redis redis, TokenPoolConfig config) {
        this.redis = redis;
        this.prefix = config.prefix();
        this.timeout = config.redisTimeout();
    }

    public String prefix() {
        return prefix;
    }

    /** Runs a script; {@code args} follow the prefix, which every script takes first. */
    public Uni<Response> run(LuaScript script, List<String> args) {
        return send(evalsha(script, args))
                .onFailure(PoolStore::isNoScript).recoverWithUni(() -> {
                    LOG.debugf("Redis does not know %s; loading it", script);
                    return send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(script.source()))
                            .chain(() -> send(evalsha(script, args)));
                })
                .onFailure().transform(e -> translate(e, script.toString()));
    }

    /** Loads every script, so the first lease needs no {@code NOSCRIPT} round trip. */
    public Uni<Void> loadScripts() {
        List<Request> loads = java.util.Arrays.stream(LuaScript.values())
                .map(s -> Request.cmd(Command.SCRIPT).arg("LOAD").arg(s.source()))
                .toList();
        return redis.batch(loads)
                .ifNoItem().after(timeout).fail()
                .onFailure().transform(e -> translate(e, "SCRIPT LOAD"))
                .replaceWithVoid();
    }

    /** A plain command on a key under the prefix, e.g. {@code HMGET <prefix>token:<id> access refresh}. */
    public Uni<Response> command(Command command, String keySuffix, String... args) {
        Request request = Request.cmd(command).arg(prefix + keySuffix);
        for (String arg : args) {
            request.arg(arg);
        }
        return send(request).onFailure().transform(e -> translate(e, command.toString()));
    }

    private Request evalsha(LuaScript script, List<String> args) {
        Request request = Request.cmd(Command.EVALSHA).arg(script.sha1()).arg(0).arg(prefix);
        for (String arg : args) {
            request.arg(arg);
        }
        return request;
    }

    private Uni<Response> send(Request request) {
        return redis.send(request).ifNoItem().after(timeout).fail();
    }

    private static boolean isNoScript(Throwable e) {
        return e instanceof ErrorType error && error.is("NOSCRIPT");
    }

    private static Throwable translate(Throwable e, String what) {
        if (e instanceof TokenPoolUnavailableException) {
            return e;
        }
        if (e instanceof ErrorType error) {
            String message = error.getMessage() == null ? "" : error.getMessage();
            String kind = message.split(" ", 2)[0];
            if (!TRANSIENT_ERRORS.contains(kind)) {
                // a script or command bug: the reply names the script line, never an argument
                return new IllegalStateException("Redis refused " + what + ": " + firstLine(message));
            }
        }
        if (e instanceof io.smallrye.mutiny.TimeoutException) {
            return new TokenPoolUnavailableException("The token pool's Redis did not answer in time", e);
        }
        return new TokenPoolUnavailableException("The token pool's Redis is unavailable", e);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
