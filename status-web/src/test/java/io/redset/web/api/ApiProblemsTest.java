package io.redset.web.api;

import io.redset.engine.InvalidInputException;
import io.redset.engine.RejectedException;
import io.redset.engine.RejectedException.Reason;
import io.redset.engine.SetId;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ApiProblemsTest {

    private static ResponseEntity<ProblemDetail> rejected(Reason reason, Duration retryAfter) {
        return ApiProblems.rejected(new RejectedException(reason, SetId.of(3), "no", retryAfter), null);
    }

    @Test
    void statusPerReason() {
        assertThat(rejected(Reason.RATE_LIMITED, null).getStatusCode().value()).isEqualTo(429);
        assertThat(rejected(Reason.NOT_OWNED, null).getStatusCode().value()).isEqualTo(421);
        for (Reason r : new Reason[] {Reason.BULKHEAD_FULL, Reason.BUSY, Reason.MODE, Reason.SET_UNAVAILABLE, Reason.TIMEOUT}) {
            assertThat(rejected(r, null).getStatusCode().value()).as(r.name()).isEqualTo(503);
        }
    }

    @Test
    void rejectionsCarryReasonSetAndRetryAfter() {
        ResponseEntity<ProblemDetail> r = rejected(Reason.RATE_LIMITED, Duration.ofMillis(1200));
        assertThat(r.getHeaders().getFirst("Retry-After")).isEqualTo("2");
        assertThat(r.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(r.getBody().getProperties()).containsEntry("reason", "RATE_LIMITED").containsEntry("set", "03");
        assertThat(r.getBody().getType().toString()).isEqualTo("urn:redset:problem:rate-limited");

        assertThat(rejected(Reason.BUSY, null).getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(rejected(Reason.NOT_OWNED, null).getHeaders().getFirst("Retry-After")).isNull();
    }

    @Test
    void retryAfterIsWholeSecondsAtLeastOne() {
        assertThat(ApiProblems.retryAfterSeconds(null)).isEqualTo(1);
        assertThat(ApiProblems.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
        assertThat(ApiProblems.retryAfterSeconds(Duration.ofMillis(10))).isEqualTo(1);
        assertThat(ApiProblems.retryAfterSeconds(Duration.ofSeconds(30))).isEqualTo(30);
        assertThat(ApiProblems.retryAfterSeconds(Duration.ofMillis(30_001))).isEqualTo(31);
    }

    @Test
    void invalidInputNamesTheField() {
        ResponseEntity<ProblemDetail> r = ApiProblems.invalidInput(new InvalidInputException("count", "must be 1..100"));
        assertThat(r.getStatusCode().value()).isEqualTo(400);
        assertThat(r.getBody().getProperties()).containsEntry("field", "count");
        assertThat(r.getBody().getDetail()).isEqualTo("count must be 1..100");
    }

    @Test
    void internalErrorsLeakNothing() {
        ResponseEntity<ProblemDetail> r = ApiProblems.internalError("abc");
        assertThat(r.getStatusCode().value()).isEqualTo(500);
        assertThat(r.getBody().getDetail()).contains("abc").doesNotContain("Exception");
    }
}
