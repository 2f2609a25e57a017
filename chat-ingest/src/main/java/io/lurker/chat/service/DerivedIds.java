package io.lurker.chat.service;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ids for lines Twitch sends without one (CLEARCHAT, ROOMSTATE, NOTICE, untagged imports,
 * unparsed lines): a name-based UUID of the raw line, so a redelivered or re-imported line keeps
 * its id and consumers store it once.
 */
public final class DerivedIds {

    private static final byte[] NAMESPACE = "lurker-chat-line:".getBytes(StandardCharsets.US_ASCII);

    private DerivedIds() {
    }

    public static String fromRaw(String raw) {
        return fromBytes(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static String fromBytes(byte[] raw) {
        byte[] named = new byte[NAMESPACE.length + raw.length];
        System.arraycopy(NAMESPACE, 0, named, 0, NAMESPACE.length);
        System.arraycopy(raw, 0, named, NAMESPACE.length, raw.length);
        return UUID.nameUUIDFromBytes(named).toString();
    }
}
