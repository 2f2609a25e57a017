package io.lurker.emulator.auth;

/** A registered application. */
public record RegisteredClient(String clientId, String clientSecret) {

    @Override
    public String toString() {
        return "RegisteredClient[" + clientId + "]";
    }
}
