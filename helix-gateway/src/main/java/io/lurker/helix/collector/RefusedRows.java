package io.lurker.helix.collector;

import com.fasterxml.jackson.databind.JsonNode;
import io.lurker.helix.client.MalformedHelixAnswer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Maps Helix rows to records for a collector: a row Twitch sent malformed is left out, logged
 * (endpoint and field, never the row) and counted in
 * {@code lurker_helix_rows_refused_total{collector,field}}, and the run goes on with the others,
 * so one bad row neither stops the poll nor reaches analytics half filled.
 */
@ApplicationScoped
public class RefusedRows {

    private static final Logger LOG = Logger.getLogger(RefusedRows.class);

    private final MeterRegistry metrics;

    public RefusedRows(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    public <T> List<T> map(String collector, List<JsonNode> rows, Function<JsonNode, T> mapper) {
        List<T> out = new ArrayList<>(rows.size());
        for (JsonNode row : rows) {
            try {
                out.add(mapper.apply(row));
            } catch (MalformedHelixAnswer e) {
                LOG.warnf("Collector %s left out a row: %s", collector, e.getMessage());
                Counter.builder("lurker.helix.rows.refused")
                        .description("Helix rows a collector left out because Twitch sent them malformed")
                        .tag("collector", collector).tag("field", e.field())
                        .register(metrics).increment();
            }
        }
        return out;
    }
}
