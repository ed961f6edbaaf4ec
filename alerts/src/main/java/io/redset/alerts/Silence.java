package io.redset.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Mutes every alert whose labels match all matchers, from start (inclusive) to end (exclusive). */
public record Silence(long id, List<LabelMatcher> matchers, String creator, String comment, Instant start, Instant end) {

    public Silence {
        matchers = List.copyOf(matchers);
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("matchers must not be empty");
        }
        if (creator == null || creator.isBlank()) {
            throw new IllegalArgumentException("creator must not be blank");
        }
        if (comment == null || comment.isBlank()) {
            throw new IllegalArgumentException("comment must not be blank");
        }
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end must be after start");
        }
    }

    public boolean activeAt(Instant now) {
        return !now.isBefore(start) && now.isBefore(end);
    }

    public boolean mutes(Map<String, String> labels, Instant now) {
        return activeAt(now) && LabelMatcher.all(matchers, labels);
    }
}
