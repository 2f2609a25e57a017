package io.lurker.tokenpool.repository;

import io.lurker.tokenpool.config.TokenPoolConfig;
import io.lurker.tokenpool.model.BucketKey;
import io.lurker.tokenpool.model.TokenRequirements;
import io.lurker.tokenpool.model.TokenState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tokens and credentials in Redis. Everything here handles ciphertexts only: encryption is
 * the services' job, so no plaintext secret passes through this class.
 */
@ApplicationScoped
public class TokenRepository {

    private final PoolStore store;
    private final int defaultLimit;
    private final long expiryMarginMs;
    private final long idlePollMs;

    @Inject
    public TokenRepository(PoolStore store, TokenPoolConfig config) {
        this.store = store;
        this.defaultLimit = config.defaultLimit();
        this.expiryMarginMs = config.lease().expiryMargin().toMillis();
        this.idlePollMs = Math.max(1, config.lease().idlePoll().toMillis());
    }

    public Uni<LeaseOutcome> lease(TokenRequirements requirements) {
        List<String> args = new ArrayList<>(List.of(
                requirements.kind().map(k -> k.wire()).orElse(""),
                requirements.clientId().orElse(""),
                requirements.userId().orElse(""),
                String.valueOf(requirements.cost()),
                String.valueOf(expiryMarginMs),
                String.valueOf(defaultLimit),
                String.valueOf(idlePollMs)));
        args.addAll(requirements.scopes());
        return store.run(LuaScript.LEASE, args).map(TokenRepository::parseLease);
    }

    private static LeaseOutcome parseLease(Response r) {
        int code = r.get(0).toInteger();
        if (code == 1) {
            return new LeaseOutcome.Granted(r.get(1).toString(), BucketKey.parse(r.get(2).toString()), r.get(3).toString(),
                    Long.parseLong(r.get(4).toString()), r.get(5).toLong(), Double.parseDouble(r.get(6).toString()),
                    r.get(7) == null ? "" : r.get(7).toString(), Long.parseLong(r.get(8).toString()));
        }
        if (code == 0) {
            return new LeaseOutcome.Wait(r.get(1).toLong(), "rate".equals(r.get(2).toString()));
        }
        return new LeaseOutcome.None("invalid".equals(r.get(1).toString()));
    }

    /** Marks a token invalid; with a generation, only if its material was not replaced since. */
    public Uni<Boolean> invalidate(String tokenId, Optional<Long> generation) {
        return store.run(LuaScript.INVALIDATE, List.of(tokenId, generation.map(String::valueOf).orElse("")))
                .map(r -> r.toInteger() == 1);
    }

    /** Stores a token whose material is already encrypted; returns its new generation. */
    public Uni<Long> put(String id, BucketKey bucket, String login, String scopes, long expiresMs,
                         String accessCiphertext, String refreshCiphertext) {
        return store.run(LuaScript.PUT_TOKEN, List.of(id, bucket.kind().wire(), bucket.clientId(), bucket.userId().orElse(""),
                        login, scopes, String.valueOf(expiresMs), accessCiphertext, refreshCiphertext, bucket.toString(),
                        String.valueOf(defaultLimit)))
                .map(Response::toLong);
    }

    public Uni<Boolean> delete(String tokenId) {
        return store.run(LuaScript.DELETE_TOKEN, List.of(tokenId)).map(r -> r.toInteger() == 1);
    }

    public Uni<Boolean> markState(String tokenId, TokenState state) {
        return store.run(LuaScript.MARK_STATE, List.of(tokenId, state.wire())).map(r -> r.toInteger() == 1);
    }

    /** Every stored token's fields (ciphertexts included), or one token's. */
    public Uni<List<Map<String, String>>> dumpTokens(Optional<String> tokenId) {
        return dump("tokens", tokenId);
    }

    public Uni<List<Map<String, String>>> dumpCredentials(Optional<String> clientId) {
        return dump("creds", clientId);
    }

    private Uni<List<Map<String, String>>> dump(String what, Optional<String> id) {
        return store.run(LuaScript.DUMP, List.of(what, id.orElse(""))).map(reply -> {
            List<Map<String, String>> rows = new ArrayList<>();
            for (Response hash : reply) {
                Map<String, String> fields = new LinkedHashMap<>();
                for (int i = 0; i + 1 < hash.size(); i += 2) {
                    fields.put(hash.get(i).toString(), hash.get(i + 1).toString());
                }
                rows.add(fields);
            }
            return rows;
        });
    }

    /** {@code HMGET} of a token's or credential's fields; missing fields are empty. */
    public Uni<List<Optional<String>>> fields(String keySuffix, String... fields) {
        return store.command(Command.HMGET, keySuffix, fields).map(reply -> {
            List<Optional<String>> values = new ArrayList<>();
            for (int i = 0; i < fields.length; i++) {
                Response value = reply.get(i);
                values.add(value == null ? Optional.empty() : Optional.of(value.toString()));
            }
            return values;
        });
    }

    public Uni<Void> putCredential(String clientId, String secretCiphertext) {
        return store.run(LuaScript.PUT_CREDENTIAL, List.of(clientId, secretCiphertext)).replaceWithVoid();
    }

    /** Deletes a credential with its tokens and buckets; true if anything existed. */
    public Uni<Boolean> deleteCredential(String clientId) {
        return store.run(LuaScript.DELETE_CREDENTIAL, List.of(clientId))
                .map(r -> r.get(0).toInteger() == 1 || r.get(1).toInteger() > 0);
    }

    /** Replaces one ciphertext by its re-encryption unless it changed meanwhile. */
    public Uni<Boolean> replaceCiphertext(String keySuffix, String field, String expected, String replacement) {
        return store.run(LuaScript.REPLACE_CIPHERTEXT, List.of(keySuffix, field, expected, replacement))
                .map(r -> r.toInteger() == 1);
    }
}
