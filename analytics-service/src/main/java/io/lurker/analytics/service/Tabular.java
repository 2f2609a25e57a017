package io.lurker.analytics.service;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/** An answer whose main table can be written as CSV: flat records, one per row. */
public interface Tabular {

    @JsonIgnore
    List<? extends Record> csvRows();
}
