package io.redset.web.api;

import io.redset.engine.InvalidInputException;
import io.redset.engine.SplitMode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonInputTest {

    private static JsonInput parse(String json) {
        return JsonInput.parse(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    private static void refused(Runnable r, String field, String message) {
        assertThatThrownBy(r::run).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo(field))
                .hasMessageContaining(message);
    }

    @Test
    void readsTypedFields() {
        JsonInput in = parse("{'s':'x','n':12,'big':1e3,'whole':20.0,'m':'EQUAL','d':'PT0.2S','nul':null}");
        assertThat(in.requiredString("s")).isEqualTo("x");
        assertThat(in.requiredLong("n")).isEqualTo(12);
        assertThat(in.requiredInt("n")).isEqualTo(12);
        assertThat(in.requiredLong("big")).isEqualTo(1000);
        assertThat(in.requiredLong("whole")).isEqualTo(20);
        assertThat(in.requiredEnum("m", SplitMode.class)).isEqualTo(SplitMode.EQUAL);
        assertThat(in.optionalDuration("d")).isEqualTo(Duration.ofMillis(200));
        assertThat(in.optionalString("nul")).isNull();
        assertThat(in.optionalString("absent")).isNull();
        assertThat(in.optionalInt("absent")).isNull();
    }

    @Test
    void namesTheFieldOfEveryTypeError() {
        JsonInput in = parse("{'s':5,'f':1.5,'huge':99999999999999999999,'text':'7','big':3000000000,'m':'lucky','b':true}");
        refused(() -> in.requiredString("s"), "s", "must be a string");
        refused(() -> in.requiredLong("f"), "f", "whole number");
        refused(() -> in.requiredLong("huge"), "huge", "out of range");
        refused(() -> in.requiredLong("text"), "text", "must be a number");
        refused(() -> in.requiredLong("b"), "b", "must be a number");
        refused(() -> in.requiredInt("big"), "big", "out of range");
        refused(() -> in.requiredEnum("m", SplitMode.class), "m", "LUCKY, EQUAL");
        refused(() -> in.requiredString("missing"), "missing", "is required");
        refused(() -> in.optionalDuration("text"), "text", "ISO-8601");
    }

    @Test
    void bodyProblemsNameTheBody() {
        refused(() -> parse(""), "body", "is required");
        refused(() -> parse("  \n"), "body", "is required");
        refused(() -> parse("{'a':"), "body", "not valid JSON");
        refused(() -> parse("{} {}"), "body", "not valid JSON");
        refused(() -> parse("{'a':1,'a':2}"), "body", "not valid JSON");
        refused(() -> parse("[]"), "body", "JSON object");
        refused(() -> parse("'text'"), "body", "JSON object");
        refused(() -> parse("null"), "body", "JSON object");
    }
}
