package io.lurker.tokenpool.service;

import io.lurker.tokenpool.crypto.TokenCipher;
import io.lurker.tokenpool.crypto.TokenDecryptionException;
import io.lurker.tokenpool.model.BucketKey;
import io.lurker.tokenpool.model.BucketView;
import io.lurker.tokenpool.model.ClientSecret;
import io.lurker.tokenpool.model.CredentialView;
import io.lurker.tokenpool.model.NewToken;
import io.lurker.tokenpool.model.TokenKind;
import io.lurker.tokenpool.model.TokenSecrets;
import io.lurker.tokenpool.model.TokenState;
import io.lurker.tokenpool.model.TokenView;
import io.lurker.tokenpool.repository.BucketRepository;
import io.lurker.tokenpool.repository.TokenRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writing side of the pool, for auth-service only (the one writer of token material):
 * credentials, tokens, their states, bucket limits and key rotation. Secrets go in as
 * plaintext and are encrypted here before they reach Redis; listings never include them.
 * Ids that do not exist answer {@code false} or empty, for the caller's 404; malformed ids,
 * limits or secrets fail the returned {@code Uni} with {@link IllegalArgumentException}, for
 * the caller's 400.
 */
@ApplicationScoped
public class TokenPoolAdmin {

    /** Twitch's highest documented bucket is far below this; the bound catches typos. */
    public static final int MAX_LIMIT = 1_000_000;

    private final TokenRepository tokens;
    private final BucketRepository buckets;
    private final TokenCipher cipher;

    @Inject
    public TokenPoolAdmin(TokenRepository tokens, BucketRepository buckets, TokenCipher cipher) {
        this.tokens = tokens;
        this.buckets = buckets;
        this.cipher = cipher;
    }

    // ---- credentials ----------------------------------------------------------------------

    /** Stores or replaces a client credential; the secret is encrypted. */
    public Uni<Void> putCredential(String clientId, String clientSecret) {
        return Uni.createFrom().deferred(() -> {
            BucketKey.checkId("client id", clientId);
            if (clientSecret == null || clientSecret.isBlank()) {
                throw new IllegalArgumentException("The client secret is empty");
            }
            return tokens.putCredential(clientId, cipher.encrypt(clientSecret, TokenContexts.clientSecret(clientId)));
        });
    }

    /**
     * Forgets a client: its credential, every token of its client id (app and user) and their
     * buckets. True if anything existed.
     */
    public Uni<Boolean> deleteCredential(String clientId) {
        return checked("client id", clientId, () -> tokens.deleteCredential(clientId));
    }

    /** Every credential, without secrets. */
    public Uni<List<CredentialView>> credentials() {
        return tokens.dumpCredentials(Optional.empty())
                .map(rows -> rows.stream().map(TokenPoolAdmin::credentialView).toList());
    }

    /** The decrypted secret, to mint app tokens; empty if the client is unknown. */
    public Uni<Optional<ClientSecret>> clientSecret(String clientId) {
        return checked("client id", clientId, () -> tokens.fields("cred:" + clientId, "secret").map(values -> values.get(0)
                .map(ciphertext -> new ClientSecret(clientId, cipher.decrypt(ciphertext, TokenContexts.clientSecret(clientId))))));
    }

    // ---- tokens ---------------------------------------------------------------------------

    /**
     * Stores a token, healthy, under a new opaque id, or replaces the token of
     * {@code token.id()} (new material after a refresh: its generation goes up, so a 401 from
     * a lease of the old material no longer invalidates it). Its bucket is created full with
     * the default limit if new.
     */
    public Uni<TokenView> putToken(NewToken token) {
        return Uni.createFrom().deferred(() -> store(token));
    }

    private Uni<TokenView> store(NewToken token) {
        String id = token.id().orElseGet(() -> UUID.randomUUID().toString());
        String access = cipher.encrypt(token.accessToken(), TokenContexts.access(id));
        String refresh = token.refreshToken().map(r -> cipher.encrypt(r, TokenContexts.refresh(id))).orElse("");
        return tokens.put(id, token.bucket(), token.login().orElse(""), String.join(" ", new TreeSet<>(token.scopes())),
                        token.expiresAt().map(Instant::toEpochMilli).orElse(0L), access, refresh)
                .chain(() -> token(id))
                .map(view -> view.orElseThrow(() -> new IllegalStateException("Token " + id + " vanished right after being stored")));
    }

    /** Sets a token's state; false if no such token. */
    public Uni<Boolean> markState(String tokenId, TokenState state) {
        return checked("token id", tokenId, () -> tokens.markState(tokenId, java.util.Objects.requireNonNull(state, "state")));
    }

    /** Removes a token (its bucket stays, since Twitch keeps counting it); false if none. */
    public Uni<Boolean> deleteToken(String tokenId) {
        return checked("token id", tokenId, () -> tokens.delete(tokenId));
    }

    /** Every token, without material. */
    public Uni<List<TokenView>> tokens() {
        return tokens.dumpTokens(Optional.empty()).map(rows -> rows.stream().map(TokenPoolAdmin::tokenView).toList());
    }

    public Uni<Optional<TokenView>> token(String tokenId) {
        return checked("token id", tokenId,
                () -> tokens.dumpTokens(Optional.of(tokenId)).map(rows -> rows.stream().map(TokenPoolAdmin::tokenView).findFirst()));
    }

    /** The decrypted access and refresh token, to refresh, validate or revoke it; empty if none. */
    public Uni<Optional<TokenSecrets>> tokenSecrets(String tokenId) {
        return checked("token id", tokenId, () -> tokens.fields("token:" + tokenId, "access", "refresh")
                .map(values -> values.get(0).map(access ->
                        new TokenSecrets(tokenId, cipher.decrypt(access, TokenContexts.access(tokenId)),
                                values.get(1).map(refresh -> cipher.decrypt(refresh, TokenContexts.refresh(tokenId)))))));
    }

    // ---- buckets --------------------------------------------------------------------------

    /** Sets a bucket's limit (points per minute), creating it full if new; points left never exceed it. */
    public Uni<BucketView> configureBucketLimit(BucketKey bucket, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            return Uni.createFrom().failure(new IllegalArgumentException("A bucket limit is 1 to " + MAX_LIMIT + " points per minute"));
        }
        return buckets.configureLimit(bucket, limit)
                .chain(() -> buckets.views(Optional.of(bucket)))
                .map(views -> views.get(0));
    }

    public Uni<List<BucketView>> buckets() {
        return buckets.views(Optional.empty());
    }

    public Uni<Optional<BucketView>> bucket(BucketKey key) {
        return buckets.views(Optional.of(key)).map(views -> views.stream().findFirst());
    }

    /**
     * Lease statistics of every replica (see {@link BucketRepository#recordLeaseStat}):
     * {@code waits:<kind>}, {@code wait-ms:<kind>}, {@code timeouts:<kind>} for app, user, any.
     */
    public Uni<Map<String, Long>> leaseStats() {
        return buckets.leaseStats();
    }

    // ---- key rotation ---------------------------------------------------------------------

    /**
     * Re-encrypts every stored secret that is not under the active key (step 3 of a key
     * rotation, see the README). Safe to run while the pool is in use: each value is swapped
     * only if unchanged since read, and a value written meanwhile is under the active key.
     */
    public Uni<ReencryptionReport> reencrypt() {
        AtomicInteger done = new AtomicInteger();
        AtomicInteger current = new AtomicInteger();
        List<String> unreadable = Collections.synchronizedList(new ArrayList<>());
        Uni<List<Map<String, String>>> creds = tokens.dumpCredentials(Optional.empty());
        Uni<List<Map<String, String>>> toks = tokens.dumpTokens(Optional.empty());
        return Uni.combine().all().unis(creds, toks).asTuple().chain(both -> {
            List<Uni<Boolean>> swaps = new ArrayList<>();
            for (Map<String, String> cred : both.getItem1()) {
                String clientId = cred.get("client_id");
                swaps.add(reencrypt("cred:" + clientId, "secret", cred.get("secret"), TokenContexts.clientSecret(clientId),
                        done, current, unreadable));
            }
            for (Map<String, String> token : both.getItem2()) {
                String id = token.get("id");
                swaps.add(reencrypt("token:" + id, "access", token.get("access"), TokenContexts.access(id), done, current, unreadable));
                if (token.containsKey("refresh")) {
                    swaps.add(reencrypt("token:" + id, "refresh", token.get("refresh"), TokenContexts.refresh(id), done, current, unreadable));
                }
            }
            return Multi.createFrom().iterable(swaps).onItem().transformToUniAndConcatenate(u -> u).collect().last();
        }).map(ignored -> new ReencryptionReport(done.get(), current.get(), List.copyOf(unreadable)));
    }

    private Uni<Boolean> reencrypt(String keySuffix, String field, String stored, String context,
                                AtomicInteger done, AtomicInteger current, List<String> unreadable) {
        if (stored == null || !cipher.needsReencryption(stored)) {
            current.incrementAndGet();
            return Uni.createFrom().item(true);
        }
        String replacement;
        try {
            replacement = cipher.encrypt(cipher.decrypt(stored, context), context);
        } catch (TokenDecryptionException e) {
            unreadable.add(context);
            return Uni.createFrom().item(false);
        }
        return tokens.replaceCiphertext(keySuffix, field, stored, replacement).invoke(swapped -> {
            if (swapped) {
                done.incrementAndGet();
            } else {
                current.incrementAndGet();
            }
        });
    }

    /** Validation errors as failed Unis (IllegalArgumentException), like every other failure. */
    private static <T> Uni<T> checked(String what, String id, java.util.function.Supplier<Uni<T>> call) {
        return Uni.createFrom().deferred(() -> {
            BucketKey.checkId(what, id);
            return call.get();
        });
    }

    // ---- views ----------------------------------------------------------------------------

    private static CredentialView credentialView(Map<String, String> row) {
        return new CredentialView(row.get("client_id"), TokenCipher.keyIdOf(row.get("secret")).orElse("?"),
                Instant.ofEpochMilli(Long.parseLong(row.getOrDefault("updated", "0"))));
    }

    private static TokenView tokenView(Map<String, String> row) {
        TokenKind kind = TokenKind.fromWire(row.get("kind"));
        String userId = row.getOrDefault("user_id", "");
        String login = row.getOrDefault("login", "");
        long expires = Long.parseLong(row.getOrDefault("expires", "0"));
        return new TokenView(row.get("id"), kind, row.get("client_id"),
                userId.isEmpty() ? Optional.empty() : Optional.of(userId),
                login.isEmpty() ? Optional.empty() : Optional.of(login),
                TokenPool.parseScopes(row.get("scopes")),
                expires == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(expires)),
                TokenState.fromWire(row.get("state")), BucketKey.parse(row.get("bucket")),
                row.containsKey("refresh"), TokenCipher.keyIdOf(row.get("access")).orElse("?"),
                Long.parseLong(row.getOrDefault("gen", "0")),
                Instant.ofEpochMilli(Long.parseLong(row.getOrDefault("updated", "0"))));
    }
}
