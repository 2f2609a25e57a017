package io.lurker.analytics.messaging;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.lurker.analytics.service.InvalidEventException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Reads an event's JSON in the form {@code io.lurker.contracts.EventJson} describes, strictly:
 * unknown fields are ignored, but a number that is missing or null, a value of another JSON type
 * (a string or a fraction where an integer belongs, a number where a time or a text belongs, a
 * number for an enum) and a time that is not an RFC 3339 string are refused. Jackson's lenient
 * defaults would have stored such values as 0, false, an enum's first constant or a time in
 * 1970. The reason names the field and the expected type, never the value (payloads may carry
 * chat text and raw lines). Booleans absent are false, as Twitch's tags are.
 */
@ApplicationScoped
public class EventDecoder {

    private final ObjectMapper strict;

    public EventDecoder(ObjectMapper json) {
        this.strict = strict(json.copy());
    }

    /**
     * @return the event, never null
     * @throws InvalidEventException when the body is empty, not JSON or not of the event's form
     */
    public <T> T decode(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            throw new InvalidEventException("empty body");
        }
        ObjectReader reader = strict.readerFor(type);
        T event;
        try {
            event = reader.readValue(body);
        } catch (InvalidNullException e) {
            throw refused(type, path(e) + " is missing or null");
        } catch (InvalidFormatException e) {
            throw refused(type, path(e) + " is not " + expected(e.getTargetType()));
        } catch (DatabindException e) {
            JsonMappingException mapping = (JsonMappingException) e;
            if (mapping.getCause() instanceof InputCoercionException) {
                throw refused(type, path(mapping) + " is out of range");
            }
            throw refused(type, path(mapping) + " is not " + expected(targetType(mapping)));
        } catch (InputCoercionException e) {
            throw refused(type, pointer(e) + " is out of range");
        } catch (StreamReadException e) {
            throw refused(type, "not JSON at " + pointer(e) + location(e.getLocation()));
        } catch (IOException | RuntimeException e) {
            throw refused(type, "unreadable (" + e.getClass().getSimpleName() + ")");
        }
        if (event == null) {
            throw refused(type, "the body is JSON null");
        }
        return event;
    }

    /** The event settings plus the refusals listed in the class comment, on a copy of the mapper. */
    static ObjectMapper strict(ObjectMapper mapper) {
        for (Class<?> number : List.of(int.class, long.class, double.class, float.class, short.class)) {
            mapper.configOverride(number).setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.FAIL));
        }
        mapper.coercionConfigDefaults()
                .setAcceptBlankAsEmpty(false)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return mapper.registerModule(new SimpleModule("lurker-strict-times").addDeserializer(Instant.class, new RfcInstant()));
    }

    /** Times only as RFC 3339 strings ({@code Z} or an offset); a number of seconds is refused. */
    static final class RfcInstant extends StdScalarDeserializer<Instant> {

        RfcInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            String text = p.getText();
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "not an RFC 3339 time");
            }
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.DateTime;
        }
    }

    private static InvalidEventException refused(Class<?> type, String reason) {
        return new InvalidEventException("unreadable " + type.getSimpleName() + " JSON: " + reason);
    }

    /** The JSON path of the field, e.g. {@code messages[3].author.userId}. */
    static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "the body" : "field " + out;
    }

    private static String pointer(JacksonException e) {
        if (e.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null) {
            String pointer = parser.getParsingContext().pathAsPointer().toString();
            return pointer.isEmpty() ? "the body" : "field " + pointer;
        }
        return "the body";
    }

    private static String location(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static Class<?> targetType(JsonMappingException e) {
        return e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m ? m.getTargetType() : null;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of the expected type";
        }
        if (type == Instant.class) {
            return "an RFC 3339 time";
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class || type == short.class) {
            return "an integer";
        }
        if (type == double.class || type == float.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "a boolean";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of the " + type.getSimpleName() + " values";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
