package io.lurker.analytics.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code {"data":[{"id","login","display_name"}]}} from helix-gateway. */
public record HelixUsers(List<User> data) {

    public record User(String id, String login, @JsonProperty("display_name") String displayName) {
    }
}
