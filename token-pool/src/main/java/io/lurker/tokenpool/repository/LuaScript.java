package io.lurker.tokenpool.repository;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The pool's Lua scripts ({@code src/main/resources/io/lurker/tokenpool/lua}), each prefixed
 * with {@code common.lua}. The SHA-1 is computed here, so {@code EVALSHA} needs no prior
 * {@code SCRIPT LOAD}; a {@code NOSCRIPT} answer (Redis restarted or flushed its script cache)
 * loads the script and runs it again.
 */
public enum LuaScript {
    LEASE("lease"),
    OBSERVE("observe"),
    EXHAUSTED("exhausted"),
    INVALIDATE("invalidate"),
    REFUND("refund"),
    PUT_TOKEN("put_token"),
    DELETE_TOKEN("delete_token"),
    MARK_STATE("mark_state"),
    PUT_CREDENTIAL("put_credential"),
    DELETE_CREDENTIAL("delete_credential"),
    CONFIGURE_LIMIT("configure_limit"),
    VIEW_BUCKETS("view_buckets"),
    DUMP("dump"),
    REPLACE_CIPHERTEXT("replace_ciphertext");

    private final String name;
    private final String source;
    private final String sha1;

    LuaScript(String name) {
        this.name = name;
        this.source = read("common") + "\n" + read(name);
        this.sha1 = sha1(source);
    }

    public String source() {
        return source;
    }

    public String sha1() {
        return sha1;
    }

    @Override
    public String toString() {
        return name + ".lua";
    }

    private static String read(String name) {
        String path = "/io/lurker/tokenpool/lua/" + name + ".lua";
        try (InputStream in = LuaScript.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
