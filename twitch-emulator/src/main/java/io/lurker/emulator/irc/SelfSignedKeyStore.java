package io.lurker.emulator.irc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for the TLS port, made at start-up with the JDK's {@code keytool}
 * (CN=tmi.twitch.tv, SAN localhost and 127.0.0.1) in a temporary PKCS#12 file with a random
 * password. It protects nothing: clients of the emulator trust any certificate.
 */
record SelfSignedKeyStore(Path path, String password) {

    static SelfSignedKeyStore create() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("emulator-irc-tls");
        Path file = dir.resolve("irc.p12");
        String password = UUID.randomUUID().toString();
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "irc", "-keyalg", "EC",
                "-groupname", "secp256r1", "-validity", "3650", "-dname", "CN=tmi.twitch.tv", "-ext",
                "san=dns:localhost,ip:127.0.0.1,dns:irc.chat.twitch.tv", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", password, "-keypass", password))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || !Files.isRegularFile(file)) {
            process.destroy();
            throw new IOException("keytool could not make the IRC certificate");
        }
        file.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        return new SelfSignedKeyStore(file, password);
    }

    @Override
    public String toString() {
        return "SelfSignedKeyStore[" + path + "]";
    }
}
