package io.redset.engine.internal;

import io.redset.engine.EngineConfig;
import io.redset.engine.EnvelopeId;
import io.redset.engine.InvalidInputException;
import io.redset.engine.SendCommand;
import io.redset.engine.SetId;
import io.redset.engine.SetMode;
import io.redset.engine.SplitMode;

import java.time.LocalDate;

/**
 * What the engine accepts from a caller, checked before anything is read or written: ids and
 * names (no control or format characters, no broken surrogate pairs, bounded length), envelope
 * ids of an existing SET and not of a future day, sends within the configured money and count
 * limits (every share at least one fen; EQUAL splits exactly), mode changes with a reason. Each
 * refusal is an {@link InvalidInputException} naming the field.
 *
 * <p>Stateless apart from the immutable configuration; thread-safe.
 */
final class EngineInput {

    private final EngineConfig config;

    EngineInput(EngineConfig config) {
        this.config = config;
    }

    EnvelopeId envelopeId(String text) {
        EnvelopeId id = EnvelopeId.parse(text, "envelopeId");
        if (id.set().index() >= config.setCount()) {
            throw new InvalidInputException("envelopeId", "names SET " + id.set() + ", which does not exist (SETs 00.."
                    + SetId.of(config.setCount() - 1) + ")");
        }
        if (id.day().isAfter(LocalDate.ofInstant(config.clock().instant(), config.zone()))) {
            throw new InvalidInputException("envelopeId", "names a day in the future: " + id.day());
        }
        return id;
    }

    void send(SendCommand c) {
        requireName("senderId", c.senderId(), true);
        if (c.mode() == null) {
            throw new InvalidInputException("mode", "is required (LUCKY or EQUAL)");
        }
        if (c.totalFen() < 1 || c.totalFen() > config.maxTotalFen()) {
            throw new InvalidInputException("totalFen", "must be 1.." + config.maxTotalFen() + " fen, was " + c.totalFen());
        }
        if (c.count() < 1 || c.count() > config.maxCount()) {
            throw new InvalidInputException("count", "must be 1.." + config.maxCount() + ", was " + c.count());
        }
        if (c.totalFen() < c.count()) {
            throw new InvalidInputException("totalFen", "must be at least count (every share is at least 1 fen)");
        }
        if (c.mode() == SplitMode.EQUAL && c.totalFen() % c.count() != 0) {
            throw new InvalidInputException("totalFen", "must divide evenly by count for EQUAL envelopes");
        }
        if (c.greeting() != null) {
            if (c.greeting().length() > EngineConfig.MAX_GREETING_LENGTH) {
                throw new InvalidInputException("greeting", "must be at most " + EngineConfig.MAX_GREETING_LENGTH + " characters");
            }
            requireNoControl("greeting", c.greeting());
        }
        requireName("requestId", c.requestId(), false);
    }

    static void modeChange(SetMode mode, String reason, String actor) {
        if (mode == null) {
            throw new InvalidInputException("mode", "is required");
        }
        if (reason == null || reason.isBlank() || reason.length() > 200) {
            throw new InvalidInputException("reason", "must be 1..200 characters");
        }
        requireNoControl("reason", reason);
        requireName("actor", actor, true);
    }

    static void requireName(String field, String value, boolean required) {
        if (value == null) {
            if (required) {
                throw new InvalidInputException(field, "is required");
            }
            return;
        }
        if (value.isBlank()) {
            throw new InvalidInputException(field, "must not be blank");
        }
        if (value.length() > EngineConfig.MAX_ID_LENGTH) {
            throw new InvalidInputException(field, "must be at most " + EngineConfig.MAX_ID_LENGTH + " characters");
        }
        requireNoControl(field, value);
    }

    private static void requireNoControl(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.SURROGATE && !validSurrogateAt(value, i)) {
                throw new InvalidInputException(field, "must not contain control or format characters (at index " + i + ")");
            }
        }
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
