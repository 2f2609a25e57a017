package io.lurker.analytics.rest;

import java.lang.reflect.RecordComponent;
import java.util.List;

/** Writes flat records as RFC 4180 CSV with a header row named after the record components. */
final class CsvWriter {

    private CsvWriter() {
    }

    static String write(List<? extends Record> rows, Class<? extends Record> type) {
        RecordComponent[] columns = type.getRecordComponents();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            out.append(i == 0 ? "" : ",").append(columns[i].getName());
        }
        out.append("\r\n");
        for (Record row : rows) {
            for (int i = 0; i < columns.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                Object value;
                try {
                    value = columns[i].getAccessor().invoke(row);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + columns[i].getName(), e);
                }
                out.append(cell(value));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof List<?> list ? String.join(";", list.stream().map(String::valueOf).toList())
                : String.valueOf(value);
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
