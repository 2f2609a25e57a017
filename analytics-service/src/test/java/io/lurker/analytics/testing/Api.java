package io.lurker.analytics.testing;

import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;

/** REST Assured settings for the analytics answers. */
public final class Api {

    private Api() {
    }

    /** Reads JSON decimals as doubles so they compare with {@code closeTo}. */
    public static void decimalsAsDoubles() {
        RestAssured.config = RestAssured.config().jsonConfig(
                JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }
}
