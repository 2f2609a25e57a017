package io.lurker.integrity;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A profile for test classes that must not share the application with {@code IntegrityCaptureTest},
 * which expects to see the first capture's log lines itself: a profile gives them their own start.
 */
public class OwnApp implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        // a shorter capture timeout than the suite's 40 s: BrowserKilledDrillTest's hung captures end sooner (timeout + 15 s)
        return Map.of("lurker.integrity.redis-prefix", "lurker-test:" + java.util.UUID.randomUUID() + ":integrity-own:",
                "lurker.integrity.capture-timeout", "PT30S");
    }
}
