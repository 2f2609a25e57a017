package io.lurker.analytics.rest;

import io.lurker.analytics.service.Tabular;
import io.lurker.tokenpool.problem.ProblemException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Answers an analytics result as JSON (default) or, for tabular results, as CSV. */
final class Answers {

    static final String CSV = "text/csv";

    private Answers() {
    }

    /** Checks the format before any work is done. */
    static String format(String format) {
        String f = format == null || format.isBlank() ? "json" : format;
        if (!"json".equals(f) && !"csv".equals(f)) {
            throw ProblemException.badParameter("format", "must be json or csv, not '" + abbreviate(f) + "'");
        }
        return f;
    }

    static <R extends Record> Response of(Tabular answer, String format, Class<R> rowType) {
        if ("csv".equals(format)) {
            @SuppressWarnings("unchecked")
            List<R> rows = (List<R>) answer.csvRows();
            return Response.ok(CsvWriter.write(rows, rowType), CSV + "; charset=utf-8").build();
        }
        return Response.ok(answer, MediaType.APPLICATION_JSON).build();
    }

    static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
