package io.redset.web.api;

import io.redset.engine.ClientText;
import io.redset.engine.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * A JSON request body read as a tree, so that every problem can name its field: a missing or null
 * required field, a string where a number belongs, a fraction or an overflowing number where a
 * whole number of fen belongs, an unknown enum constant. Only JSON types are checked here; ranges
 * and business rules are the engine's, which names the field the same way
 * ({@link InvalidInputException}).
 *
 * <p>Strict on purpose, because the bodies move money: duplicate keys and trailing content are
 * errors, and bodies are capped at {@value #MAX_BODY_BYTES} bytes.
 */
public final class JsonInput {

    public static final int MAX_BODY_BYTES = 16 * 1024;
    /** No string field of any body is longer (the engine and the endpoints have tighter rules of their own). */
    public static final int MAX_STRING_LENGTH = 8 * 1024;
    public static final String BODY = "body";

    private static final ObjectReader READER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build()
            .reader();

    private final JsonNode object;

    private JsonInput(JsonNode object) {
        this.object = object;
    }

    /** Reads the request body, refusing more than {@value #MAX_BODY_BYTES} bytes. */
    public static JsonInput read(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new PayloadTooLargeException(MAX_BODY_BYTES);
            }
            return parse(body);
        }
    }

    /** Parses a body that must be one JSON object. */
    public static JsonInput parse(byte[] body) {
        if (body == null || isBlank(body)) {
            throw new InvalidInputException(BODY, "is required: send a JSON object");
        }
        JsonNode tree;
        try {
            tree = READER.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidInputException(BODY, "is not valid JSON" + where(e.getLocation()));
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidInputException(BODY, "must be a JSON object");
        }
        return new JsonInput(tree);
    }

    public Collection<String> fieldNames() {
        return object.propertyNames();
    }

    public boolean has(String field) {
        return object.hasNonNull(field);
    }

    public String requiredString(String field) {
        return string(field, required(field));
    }

    /** The string, or null when the field is absent or null. */
    public String optionalString(String field) {
        JsonNode node = object.get(field);
        return node == null || node.isNull() ? null : string(field, node);
    }

    public long requiredLong(String field) {
        return whole(field, required(field));
    }

    public int requiredInt(String field) {
        return toInt(field, whole(field, required(field)));
    }

    /** The whole number, or null when the field is absent or null. */
    public Integer optionalInt(String field) {
        JsonNode node = object.get(field);
        return node == null || node.isNull() ? null : toInt(field, whole(field, node));
    }

    public <E extends Enum<E>> E requiredEnum(String field, Class<E> type) {
        String text = requiredString(field);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        throw new InvalidInputException(field, "must be one of " + Arrays.stream(type.getEnumConstants())
                .map(Enum::name).collect(Collectors.joining(", ")) + ", was \"" + ClientText.printable(text) + "\"");
    }

    /** An ISO-8601 duration such as {@code "PT0.2S"}, or null when absent. */
    public Duration optionalDuration(String field) {
        String text = optionalString(field);
        if (text == null) {
            return null;
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be an ISO-8601 duration such as \"PT0.2S\"");
        }
    }

    private JsonNode required(String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidInputException(field, "is required");
        }
        return node;
    }

    /** true or false, or null when the field is absent or null. */
    public Boolean optionalBoolean(String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw new InvalidInputException(field, "must be true or false");
        }
        return node.booleanValue();
    }

    /**
     * A list of strings, or null when the field is absent or null.
     *
     * @param maxItems the longest list accepted
     */
    public java.util.List<String> optionalStringList(String field, int maxItems) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw new InvalidInputException(field, "must be a list of strings");
        }
        if (node.size() > maxItems) {
            throw new InvalidInputException(field, "must have at most " + maxItems + " items");
        }
        java.util.List<String> out = new java.util.ArrayList<>(node.size());
        for (JsonNode item : node) {
            out.add(string(field, item));
        }
        return out;
    }

    private static String string(String field, JsonNode node) {
        if (!node.isString()) {
            throw new InvalidInputException(field, "must be a string");
        }
        String value = node.stringValue();
        if (value.length() > MAX_STRING_LENGTH) {
            throw new InvalidInputException(field, "must be at most " + MAX_STRING_LENGTH + " characters");
        }
        return value;
    }

    private static long whole(String field, JsonNode node) {
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                throw new InvalidInputException(field, "is out of range");
            }
            return node.longValue();
        }
        if (node.isFloatingPointNumber()) {
            BigDecimal value = node.decimalValue();
            if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
                throw new InvalidInputException(field, "must be a whole number");
            }
            try {
                return value.longValueExact();
            } catch (ArithmeticException e) {
                throw new InvalidInputException(field, "is out of range");
            }
        }
        throw new InvalidInputException(field, "must be a number");
    }

    private static int toInt(String field, long value) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new InvalidInputException(field, "is out of range");
        }
        return (int) value;
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

}
