package io.lurker.auth.apitokens;

import io.lurker.auth.AuthConfig;
import io.lurker.tokenpool.problem.ProblemException;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.HexFormat;
import org.jboss.logging.Logger;

/**
 * The RSA private key that signs Lurker API tokens ({@code lurker.auth.jwt.private-key-location},
 * {@code LURKER_JWT_PRIVATE_KEY}: a PKCS#8 PEM file, or a classpath resource in tests). Read on
 * first use; a missing or unreadable key makes issuing answer 503 (nothing else depends on it).
 * The key id ({@code kid}) is the first 16 hex digits of the SHA-256 of the public key's DER
 * encoding, as {@code deploy/local/token.sh} computes it.
 */
@ApplicationScoped
public class SigningKey {

    private static final Logger LOG = Logger.getLogger(SigningKey.class);

    private final String location;
    private volatile PrivateKey key;
    private volatile String keyId;

    @Inject
    public SigningKey(AuthConfig config) {
        this.location = config.jwt().privateKeyLocation();
    }

    public synchronized PrivateKey key() {
        if (key == null) {
            String pem;
            try {
                pem = read(location);
                PrivateKey loaded = KeyUtils.decodePrivateKey(pem);
                keyId = keyIdOf(loaded);
                key = loaded;
            } catch (Exception e) {
                LOG.errorf("The JWT signing key at %s cannot be read (%s)", location, e.getClass().getSimpleName());
                throw ProblemException.unavailable("The signing key of Lurker API tokens is not configured (lurker.auth.jwt.private-key-location)");
            }
        }
        return key;
    }

    public String keyId() {
        key();
        return keyId;
    }

    private static String read(String location) throws Exception {
        Path path = Path.of(location.startsWith("file:") ? location.substring(5) : location);
        if (Files.isRegularFile(path)) {
            return Files.readString(path, StandardCharsets.US_ASCII);
        }
        String resource = location.startsWith("classpath:") ? location.substring(10) : location;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource.startsWith("/") ? resource.substring(1) : resource)) {
            if (in == null) {
                throw new java.io.FileNotFoundException(location);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    static String keyIdOf(PrivateKey key) throws Exception {
        RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) key;
        byte[] der = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent())).getEncoded();
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der)).substring(0, 16);
    }
}
