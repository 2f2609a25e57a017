package io.lurker.tokenpool.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures every log record of the JVM (the root logger; Quarkus routes JBoss Logging, JUL and
 * SLF4J there) with its parameters and stack traces, to check after a test that no secret was
 * logged:
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.start()) {
 *     probe.checkAuthentication();
 *     logs.assertNoneOf(probe.sentTokens());
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
            Object[] parameters = record.getParameters();
            if (parameters != null && parameters.length > 0) {
                for (Object p : parameters) {
                    line.append(" | ").append(p);
                }
                try {
                    line.append(" | ").append(MessageFormat.format(String.valueOf(record.getMessage()), parameters));
                } catch (IllegalArgumentException notMessageFormat) {
                    // printf-style or plain: the parameters above are enough
                }
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append('\n').append(trace);
            }
            lines.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture() {
        handler.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(handler);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    public List<String> lines() {
        return new ArrayList<>(lines);
    }

    /** Fails naming the kind of secret (never the secret) when any of them, or a JWT's signature alone, was logged. */
    public void assertNoneOf(Collection<String> secrets) {
        List<String> leaked = new ArrayList<>();
        for (String line : lines) {
            for (String secret : secrets) {
                if (secret == null || secret.length() < 8) {
                    continue;
                }
                String signature = secret.chars().filter(c -> c == '.').count() == 2 ? secret.substring(secret.lastIndexOf('.') + 1) : secret;
                if (line.contains(secret) || (signature.length() >= 16 && line.contains(signature))) {
                    leaked.add("a secret of " + secret.length() + " characters in a log line starting '"
                            + line.substring(0, Math.min(60, line.length())).replace(secret, "<secret>") + "'");
                }
            }
        }
        if (!leaked.isEmpty()) {
            throw new AssertionError(leaked.size() + " secret(s) in the logs:\n  " + String.join("\n  ", leaked));
        }
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
    }
}
