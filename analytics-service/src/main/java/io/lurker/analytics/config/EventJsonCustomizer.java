package io.lurker.analytics.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lurker.contracts.EventJson;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** Reads and writes events in the JSON form the contracts define. */
@Singleton
public class EventJsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        EventJson.configure(mapper);
    }
}
