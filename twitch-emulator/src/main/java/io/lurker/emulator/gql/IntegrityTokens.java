package io.lurker.emulator.gql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Integrity tokens as {@code gql.twitch.tv/integrity} hands them out: a signed value
 * ({@code v4.public.<base64url(claims || signature)>}, the layout of a PASETO public token)
 * binding the client id, device id, user agent and client address, with an expiry about an
 * hour away (wall clock). A user agent that gives away a headless browser gets a token marked
 * {@code is_bad_bot}, which guarded operations refuse, as Twitch's does.
 *
 * <p>The page's challenge is a signed timestamp; the page proves it ran the script by sending
 * {@code sha256(challenge + ":" + deviceId)} with it.
 */
@ApplicationScoped
public class IntegrityTokens {

    static final String PREFIX = "v4.public.";
    private static final int MAC_BYTES = 32;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Why a token was refused (or OK). */
    public enum Verdict {
        OK, MISSING, MALFORMED, BAD_SIGNATURE, EXPIRED, REVOKED, DEVICE_MISMATCH, USER_AGENT_MISMATCH, CLIENT_MISMATCH,
        ADDRESS_MISMATCH, BAD_BOT
    }

    /** A token handed out: {@code expiration} in epoch milliseconds as Twitch's answer carries it. */
    public record Grant(String token, long expiration, boolean badBot) {
    }

    private final GqlEmulatorConfig config;
    private final byte[] secret;
    private final LongAdder issued = new LongAdder();
    private final LongAdder issuedBadBot = new LongAdder();
    private final LongAdder challengesRefused = new LongAdder();
    private final Map<Verdict, LongAdder> verdicts = new ConcurrentHashMap<>();
    private volatile Instant notBefore = Instant.EPOCH;
    /** The most recent tokens handed out (at most {@link #KEPT}), for the secrets admin call. */
    private final Deque<String> recent = new ConcurrentLinkedDeque<>();
    static final int KEPT = 10_000;

    public IntegrityTokens(GqlEmulatorConfig config) {
        this.config = config;
        if (config.integritySecret().isPresent()) {
            this.secret = config.integritySecret().get().getBytes(StandardCharsets.UTF_8);
        } else {
            this.secret = new byte[32];
            new SecureRandom().nextBytes(secret);
        }
    }

    // ---- page challenge

    /** A fresh challenge for a page: the issue time and its signature. */
    public String challenge() {
        String issuedAt = Long.toString(Instant.now().getEpochSecond());
        String mac = Base64.getUrlEncoder().withoutPadding().encodeToString(mac(("challenge|" + issuedAt).getBytes(StandardCharsets.UTF_8)));
        return issuedAt + "." + mac;
    }

    /** Whether {@code proof} answers a challenge this emulator issued recently, for {@code deviceId}. */
    public boolean challengeAnswered(String challenge, String proof, String deviceId) {
        boolean ok = checkChallenge(challenge, proof, deviceId);
        if (!ok) {
            challengesRefused.increment();
        }
        return ok;
    }

    private boolean checkChallenge(String challenge, String proof, String deviceId) {
        if (challenge == null || proof == null || deviceId == null) {
            return false;
        }
        int dot = challenge.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        String issuedAt = challenge.substring(0, dot);
        byte[] expected = mac(("challenge|" + issuedAt).getBytes(StandardCharsets.UTF_8));
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(challenge.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!MessageDigest.isEqual(expected, given)) {
            return false;
        }
        long at;
        try {
            at = Long.parseLong(issuedAt);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Instant.now().getEpochSecond() - at > config.challengeLifetime().toSeconds()) {
            return false;
        }
        return PersistedQueries.sha256(challenge + ":" + deviceId).equals(proof.toLowerCase(Locale.ROOT));
    }

    // ---- tokens

    public Grant issue(String clientId, String deviceId, String userAgent, String clientAddress) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expiry = now.plus(config.integrityLifetime());
        boolean badBot = userAgent == null || userAgent.isBlank() || userAgent.contains("HeadlessChrome");
        ObjectNode claims = JSON.createObjectNode();
        claims.put("client_id", clientId);
        claims.put("client_ip", clientAddress);
        claims.put("device_id", deviceId);
        claims.put("exp", expiry.toString());
        claims.put("iat", now.toString());
        claims.put("is_bad_bot", Boolean.toString(badBot));
        claims.put("user_agent_hash", PersistedQueries.sha256(userAgent == null ? "" : userAgent).substring(0, 32));
        byte[] payload;
        try {
            payload = JSON.writeValueAsBytes(claims);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        byte[] signed = ByteBuffer.allocate(payload.length + MAC_BYTES).put(payload).put(mac(payload)).array();
        issued.increment();
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
        recent.addLast(token);
        while (recent.size() > KEPT) {
            recent.pollFirst();
        }
        if (badBot) {
            issuedBadBot.increment();
        }
        return new Grant(token, expiry.toEpochMilli(), badBot);
    }

    /** Checks a token sent with a guarded operation against the request that carries it. */
    public Verdict verify(String token, String clientId, String deviceId, String userAgent, String clientAddress) {
        Verdict verdict = check(token, clientId, deviceId, userAgent, clientAddress);
        verdicts.computeIfAbsent(verdict, v -> new LongAdder()).increment();
        return verdict;
    }

    private Verdict check(String token, String clientId, String deviceId, String userAgent, String clientAddress) {
        if (token == null || token.isBlank()) {
            return Verdict.MISSING;
        }
        if (!token.startsWith(PREFIX)) {
            return Verdict.MALFORMED;
        }
        byte[] signed;
        try {
            signed = Base64.getUrlDecoder().decode(token.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return Verdict.MALFORMED;
        }
        if (signed.length <= MAC_BYTES) {
            return Verdict.MALFORMED;
        }
        byte[] payload = Arrays.copyOf(signed, signed.length - MAC_BYTES);
        byte[] mac = Arrays.copyOfRange(signed, signed.length - MAC_BYTES, signed.length);
        if (!MessageDigest.isEqual(mac(payload), mac)) {
            return Verdict.BAD_SIGNATURE;
        }
        JsonNode claims;
        try {
            claims = JSON.readTree(payload);
        } catch (Exception e) {
            return Verdict.MALFORMED;
        }
        if (!Instant.now().isBefore(Instant.parse(claims.path("exp").asText()))) {
            return Verdict.EXPIRED;
        }
        if (Instant.parse(claims.path("iat").asText()).isBefore(notBefore)) {
            return Verdict.REVOKED;
        }
        if (!claims.path("device_id").asText().equals(deviceId)) {
            return Verdict.DEVICE_MISMATCH;
        }
        if (!claims.path("client_id").asText().equals(clientId)) {
            return Verdict.CLIENT_MISMATCH;
        }
        String uaHash = PersistedQueries.sha256(userAgent == null ? "" : userAgent).substring(0, 32);
        if (!claims.path("user_agent_hash").asText().equals(uaHash)) {
            return Verdict.USER_AGENT_MISMATCH;
        }
        if (!claims.path("client_ip").asText().equals(clientAddress)) {
            return Verdict.ADDRESS_MISMATCH;
        }
        if (claims.path("is_bad_bot").asBoolean(false) || "true".equals(claims.path("is_bad_bot").asText())) {
            return Verdict.BAD_BOT;
        }
        return Verdict.OK;
    }

    /** Every token issued so far is refused from now on (as when Twitch invalidates a device's tokens). */
    public void revokeAll() {
        // tokens carry whole seconds: everything issued up to this second is out
        notBefore = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    }

    /** Issue and check counts for the admin API. */
    public Map<String, Object> counters() {
        Map<String, Object> m = new TreeMap<>();
        m.put("issued", issued.sum());
        m.put("issued_bad_bot", issuedBadBot.sum());
        m.put("challenges_refused", challengesRefused.sum());
        Map<String, Long> checks = new TreeMap<>();
        for (Verdict v : Verdict.values()) {
            LongAdder adder = verdicts.get(v);
            checks.put(v.name().toLowerCase(Locale.ROOT), adder == null ? 0 : adder.sum());
        }
        m.put("checks", checks);
        return m;
    }

    /** The tokens issued most recently (up to 10,000), oldest first. */
    public List<String> issuedTokens() {
        return List.copyOf(recent);
    }

    public void resetCounters() {
        issued.reset();
        issuedBadBot.reset();
        challengesRefused.reset();
        verdicts.clear();
    }

    private byte[] mac(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
