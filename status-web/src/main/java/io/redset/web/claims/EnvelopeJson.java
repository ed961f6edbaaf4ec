package io.redset.web.claims;

import io.redset.engine.ClaimAnswer;
import io.redset.engine.EnvelopeDetails;
import io.redset.engine.GrabAnswer;
import io.redset.engine.SendReceipt;

import java.time.Instant;
import java.util.List;

/**
 * The JSON shapes of the claim API (API.md). Envelope ids are strings: they have 18 digits and
 * JavaScript numbers lose precision above 2^53. Times are ISO-8601 instants in UTC.
 */
final class EnvelopeJson {

    private EnvelopeJson() {
    }

    record Sent(String envelopeId, String set, long totalFen, int count, String mode, String expiresAt) {
        static Sent of(SendReceipt r) {
            return new Sent(r.envelopeId().toString(), r.set().tag(), r.totalFen(), r.count(), r.mode().name(),
                    time(r.expiresAt()));
        }
    }

    record Grab(boolean canOpen, String reason) {
        static Grab of(GrabAnswer a) {
            return new Grab(a.canOpen(), a.reason() == null ? null : a.reason().name());
        }
    }

    record Claim(String outcome, Long amountFen, Integer seq) {
        static Claim of(ClaimAnswer a) {
            return new Claim(a.outcome().name(), a.amountFen(), a.seq());
        }
    }

    record Details(String envelopeId, String set, String senderId, String greeting, String mode, long totalFen,
                   int count, long remainingFen, int remainingCount, long refundedFen, String status,
                   String createdAt, String expiresAt, List<ClaimLine> claims, String luckiestUserId,
                   boolean archived) {
        static Details of(EnvelopeDetails d) {
            return new Details(d.envelopeId().toString(), d.set().tag(), d.senderId(), d.greeting(), d.mode().name(),
                    d.totalFen(), d.count(), d.remainingFen(), d.remainingCount(), d.refundedFen(), d.status().name(),
                    time(d.createdAt()), time(d.expiresAt()),
                    d.claims().stream().map(ClaimLine::of).toList(), d.luckiestUserId(), d.archived());
        }
    }

    record ClaimLine(String userId, long amountFen, int seq, String claimedAt) {
        static ClaimLine of(EnvelopeDetails.ClaimLine c) {
            return new ClaimLine(c.userId(), c.amountFen(), c.seq(), time(c.claimedAt()));
        }
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
