package io.lurker.tokenpool.model;

import java.time.Instant;

/** A stored client credential without its secret. */
public record CredentialView(String clientId, String keyId, Instant updatedAt) {
}
