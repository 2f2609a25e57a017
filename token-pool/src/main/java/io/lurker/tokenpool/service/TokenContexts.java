package io.lurker.tokenpool.service;

/**
 * The associated data of each ciphertext: the record and field it belongs to. A value
 * moved to another record or field fails authentication instead of decrypting.
 */
final class TokenContexts {

    private TokenContexts() {
    }

    static String access(String tokenId) {
        return "token:" + tokenId + ":access";
    }

    static String refresh(String tokenId) {
        return "token:" + tokenId + ":refresh";
    }

    static String clientSecret(String clientId) {
        return "cred:" + clientId + ":secret";
    }
}
