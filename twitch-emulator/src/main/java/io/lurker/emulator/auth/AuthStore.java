package io.lurker.emulator.auth;

import io.lurker.emulator.clock.EmulatorClock;
import io.lurker.emulator.config.EmulatorConfig;
import io.lurker.emulator.world.Channel;
import io.lurker.emulator.world.FixtureAccounts;
import io.lurker.emulator.world.World;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * id.twitch.tv's state: registered applications, users' grants (refresh tokens), issued
 * access tokens and device codes. Token expiry follows the emulator clock, so a test can
 * advance past a token's lifetime.
 */
@ApplicationScoped
public class AuthStore {

    public static final String DEVICE_GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String USER_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ";

    private final EmulatorClock clock;
    private final World world;
    private final EmulatorConfig.Auth settings;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, RegisteredClient> clients = new ConcurrentHashMap<>();
    private final Map<String, UserAccount> accountsByRefresh = new ConcurrentHashMap<>();
    private final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();
    private final Map<String, DeviceGrant> devices = new ConcurrentHashMap<>();
    private final Map<String, DeviceGrant> devicesByUserCode = new ConcurrentHashMap<>();
    /** Every refresh token ever handed out, also those retired by rotation (for the secrets admin call). */
    private final Set<String> refreshTokensIssued = ConcurrentHashMap.newKeySet();
    private volatile boolean rotateRefreshTokens;

    public AuthStore(EmulatorClock clock, World world, EmulatorConfig config) {
        this.clock = clock;
        this.world = world;
        this.settings = config.auth();
        this.rotateRefreshTokens = settings.rotateRefreshTokens();
        config.clients().forEach((id, client) -> registerClient(id, client.secret()));
        importFixture(world.data().accounts());
    }

    /** Registers what a fixture declares (clients and users with their refresh tokens). */
    public void importFixture(FixtureAccounts accounts) {
        for (FixtureAccounts.ClientEntry client : accounts.clients()) {
            registerClient(client.clientId(), client.clientSecret());
        }
        for (FixtureAccounts.UserEntry user : accounts.users()) {
            addUser(user.userId(), user.clientId(), user.scopes(), user.refreshToken());
        }
    }

    public RegisteredClient registerClient(String clientId, String secret) {
        if (clientId == null || clientId.isBlank() || secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("client_id and client_secret are required");
        }
        RegisteredClient client = new RegisteredClient(clientId, secret);
        clients.put(clientId, client);
        return client;
    }

    public List<String> clientIds() {
        return clients.keySet().stream().sorted().toList();
    }

    public RegisteredClient client(String clientId) {
        return clientId == null ? null : clients.get(clientId);
    }

    /** Records that {@code userId} authorised {@code clientId} for {@code scopes}; returns the grant with its refresh token. */
    public UserAccount addUser(String userId, String clientId, List<String> scopes, String refreshToken) {
        Channel user = world.channel(userId);
        if (user == null) {
            throw new IllegalArgumentException("no user " + userId + " in the world");
        }
        if (client(clientId) == null) {
            throw new IllegalArgumentException("no client " + clientId);
        }
        String refresh = refreshToken == null || refreshToken.isBlank() ? newToken(50) : refreshToken;
        UserAccount account = new UserAccount(user.id(), user.login(), clientId, List.copyOf(scopes), refresh);
        accountsByRefresh.put(refresh, account);
        refreshTokensIssued.add(refresh);
        return account;
    }

    public void setRotateRefreshTokens(boolean rotate) {
        this.rotateRefreshTokens = rotate;
    }

    // ---- grants

    public AccessToken clientCredentials(String clientId, String secret) {
        RegisteredClient client = authenticate(clientId, secret);
        return issue(client.clientId(), null, null, List.of(), clock.now().plus(settings.appTokenLifetime()));
    }

    /** A refresh_token grant: returns the new access token and the (maybe rotated) refresh token's account. */
    public UserGrant refresh(String clientId, String secret, String refreshToken) {
        authenticate(clientId, secret);
        UserAccount account = refreshToken == null ? null : accountsByRefresh.get(refreshToken);
        if (account == null || !account.clientId().equals(clientId)) {
            throw new AuthException(400, "Invalid refresh token");
        }
        UserAccount current = account;
        if (rotateRefreshTokens) {
            accountsByRefresh.remove(refreshToken);
            current = new UserAccount(account.userId(), account.login(), account.clientId(), account.scopes(), newToken(50));
            accountsByRefresh.put(current.refreshToken(), current);
            refreshTokensIssued.add(current.refreshToken());
        }
        return new UserGrant(issueUser(current), current);
    }

    /** An access token for a user grant, as the authorization-code or device flows would give. */
    public AccessToken issueUser(UserAccount account) {
        return issue(account.clientId(), account.userId(), account.login(), account.scopes(),
                clock.now().plus(settings.userTokenLifetime()));
    }

    private RegisteredClient authenticate(String clientId, String secret) {
        if (clientId == null || clientId.isBlank()) {
            throw new AuthException(400, "missing client id");
        }
        RegisteredClient client = clients.get(clientId);
        if (client == null) {
            throw new AuthException(400, "invalid client");
        }
        if (secret == null || secret.isBlank()) {
            throw new AuthException(400, "missing client secret");
        }
        if (!client.clientSecret().equals(secret)) {
            throw new AuthException(403, "invalid client secret");
        }
        return client;
    }

    private AccessToken issue(String clientId, String userId, String login, List<String> scopes, Instant expiresAt) {
        AccessToken token = new AccessToken(newToken(30), clientId, userId, login, scopes, expiresAt);
        tokens.put(token.value(), token);
        return token;
    }

    /** The token if it is known, unexpired and unrevoked; else null. */
    public AccessToken usable(String value) {
        AccessToken token = value == null ? null : tokens.get(value);
        return token != null && token.usableAt(clock.now()) ? token : null;
    }

    public Instant now() {
        return clock.now();
    }

    /** {@code POST /oauth2/revoke}: the token must belong to the client. */
    public void revoke(String clientId, String value) {
        if (clientId == null || clientId.isBlank()) {
            throw new AuthException(400, "missing client id");
        }
        if (client(clientId) == null) {
            throw new AuthException(404, "client does not exist");
        }
        AccessToken token = value == null ? null : tokens.get(value);
        if (token == null || !token.clientId().equals(clientId)) {
            throw new AuthException(400, "Invalid token");
        }
        token.revoke();
    }

    /** Admin: revokes a token whoever owns it; false when unknown. */
    public boolean revokeAny(String value) {
        AccessToken token = value == null ? null : tokens.get(value);
        if (token == null) {
            return false;
        }
        token.revoke();
        return true;
    }

    /** Admin: every token issued so far stops working (as after a password reset or a secret rotation). */
    public int expireAll() {
        int count = 0;
        for (AccessToken token : tokens.values()) {
            if (!token.revoked()) {
                token.revoke();
                count++;
            }
        }
        return count;
    }

    // ---- device flow

    public DeviceStart startDevice(String clientId, List<String> scopes) {
        if (clientId == null || clientId.isBlank()) {
            throw new AuthException(400, "missing client id");
        }
        if (client(clientId) == null) {
            throw new AuthException(400, "invalid client");
        }
        String userCode;
        do {
            StringBuilder sb = new StringBuilder(8);
            for (int i = 0; i < 8; i++) {
                sb.append(USER_CODE_ALPHABET.charAt(random.nextInt(USER_CODE_ALPHABET.length())));
            }
            userCode = sb.toString();
        } while (devicesByUserCode.containsKey(userCode));
        DeviceGrant grant = new DeviceGrant(newToken(40), userCode, clientId, scopes,
                clock.now().plus(settings.deviceCodeLifetime()));
        devices.put(grant.deviceCode, grant);
        devicesByUserCode.put(userCode, grant);
        return new DeviceStart(grant.deviceCode, grant.userCode, settings.deviceCodeLifetime().toSeconds());
    }

    public record DeviceStart(String deviceCode, String userCode, long expiresIn) {
    }

    /** Admin: the user enters the code and accepts; false when the code is unknown or expired. */
    public boolean approveDevice(String userCode, String userId) {
        DeviceGrant grant = userCode == null ? null : devicesByUserCode.get(userCode.toUpperCase());
        if (grant == null || !clock.now().isBefore(grant.expiresAt)) {
            return false;
        }
        if (world.channel(userId) == null) {
            throw new IllegalArgumentException("no user " + userId + " in the world");
        }
        grant.approvedUserId = userId;
        return true;
    }

    /** Polling {@code /oauth2/token} with a device code: the tokens once approved, else Twitch's errors. */
    public UserGrant redeemDevice(String clientId, String deviceCode) {
        if (clientId == null || clientId.isBlank()) {
            throw new AuthException(400, "missing client id");
        }
        DeviceGrant grant = deviceCode == null ? null : devices.get(deviceCode);
        if (grant == null || !grant.clientId.equals(clientId) || grant.redeemed) {
            throw new AuthException(400, "invalid device code");
        }
        if (!clock.now().isBefore(grant.expiresAt)) {
            throw new AuthException(400, "expired_token");
        }
        if (grant.approvedUserId == null) {
            throw new AuthException(400, "authorization_pending");
        }
        grant.redeemed = true;
        UserAccount account = addUser(grant.approvedUserId, clientId, grant.scopes, null);
        return new UserGrant(issueUser(account), account);
    }

    private String newToken(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /**
     * Every credential this emulated id.twitch.tv knows or handed out: client secrets, access
     * tokens (also expired and revoked ones), refresh tokens (also rotated-out ones) and device
     * codes. For tests that check nothing of it leaks into logs or answers.
     */
    public Secrets secrets() {
        return new Secrets(clients.values().stream().map(RegisteredClient::clientSecret).sorted().toList(),
                List.copyOf(tokens.keySet()), refreshTokensIssued.stream().sorted().toList(), List.copyOf(devices.keySet()));
    }

    public record Secrets(List<String> clientSecrets, List<String> accessTokens, List<String> refreshTokens,
                          List<String> deviceCodes) {
    }

    public List<UserAccount> accounts() {
        return new ArrayList<>(accountsByRefresh.values());
    }
}
