package io.redset.engine.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The money rules as SQL over one SET database's live tables. Each query selects the envelopes
 * (created at or after a given time) that break its rule, so an empty result is a pass and a
 * finding names the envelope. Used by the reconcile probe and by the tests after concurrent load.
 */
public final class Reconciliation {

    /** A rule: its description and the query that returns the envelope ids breaking it. */
    public record Rule(String description, String sql) {
    }

    private static final String RECENT = "e.created_at >= ?";

    public static final List<Rule> RULES = List.of(
        new Rule("sum(claims) + remaining = total and claim count + remaining count = count",
            "SELECT e.envelope_id FROM envelope e LEFT JOIN (SELECT day_of_month, envelope_id, sum(amount_fen) s, count(*) n "
            + "FROM claim GROUP BY 1, 2) c USING (day_of_month, envelope_id) WHERE " + RECENT + " AND "
            + "(coalesce(c.s, 0) + e.remaining_fen <> e.total_fen OR coalesce(c.n, 0) + e.remaining_count <> e.count)"),
        new Rule("refund = remaining for expired envelopes, none otherwise",
            "SELECT e.envelope_id FROM envelope e WHERE " + RECENT + " AND ((e.status = 'EXPIRED' AND e.refunded_fen <> e.remaining_fen) "
            + "OR (e.status <> 'EXPIRED' AND e.refunded_fen <> 0))"),
        new Rule("ledger balanced: one SEND of the total, SEND - CLAIMs - REFUND = remaining - refunded",
            "SELECT e.envelope_id FROM envelope e LEFT JOIN (SELECT day_of_month, envelope_id, "
            + "sum(amount_fen) FILTER (WHERE kind = 'SEND') snd, count(*) FILTER (WHERE kind = 'SEND') nsend, "
            + "coalesce(sum(amount_fen) FILTER (WHERE kind = 'CLAIM'), 0) clm, "
            + "coalesce(sum(amount_fen) FILTER (WHERE kind = 'REFUND'), 0) ref, count(*) FILTER (WHERE kind = 'CLAIM') nclaim "
            + "FROM ledger_entry GROUP BY 1, 2) l USING (day_of_month, envelope_id) WHERE " + RECENT + " AND "
            + "(l.nsend IS DISTINCT FROM 1 OR l.snd <> e.total_fen OR l.ref <> e.refunded_fen "
            + "OR l.snd - l.clm - l.ref <> e.remaining_fen - e.refunded_fen "
            + "OR l.nclaim <> (SELECT count(*) FROM claim c WHERE c.day_of_month = e.day_of_month AND c.envelope_id = e.envelope_id))"),
        new Rule("every claim has its ledger row with the same amount and user",
            "SELECT DISTINCT c.envelope_id FROM claim c JOIN envelope e USING (day_of_month, envelope_id) "
            + "LEFT JOIN ledger_entry l ON l.day_of_month = c.day_of_month AND l.envelope_id = c.envelope_id "
            + "AND l.kind = 'CLAIM' AND l.entry_no = c.seq WHERE " + RECENT + " AND "
            + "(l.amount_fen IS DISTINCT FROM c.amount_fen OR l.account_id IS DISTINCT FROM c.user_id)"),
        new Rule("no user claims twice",
            "SELECT DISTINCT c.envelope_id FROM claim c JOIN envelope e USING (day_of_month, envelope_id) WHERE " + RECENT
            + " GROUP BY c.day_of_month, c.envelope_id, c.user_id HAVING count(*) > 1"),
        new Rule("seq runs 1..n without gaps",
            "SELECT c.envelope_id FROM claim c JOIN envelope e USING (day_of_month, envelope_id) WHERE " + RECENT
            + " GROUP BY c.day_of_month, c.envelope_id HAVING min(c.seq) <> 1 OR max(c.seq) <> count(*)"),
        new Rule("FIFO: seq follows arrival order within an envelope",
            "SELECT DISTINCT t.envelope_id FROM (SELECT c.envelope_id, c.arrival, lag(c.arrival) OVER (PARTITION BY c.day_of_month, "
            + "c.envelope_id ORDER BY c.seq) prev FROM claim c JOIN envelope e USING (day_of_month, envelope_id) WHERE " + RECENT
            + ") t WHERE t.prev IS NOT NULL AND t.arrival <= t.prev"),
        new Rule("every share is at least 1 fen",
            "SELECT DISTINCT c.envelope_id FROM claim c JOIN envelope e USING (day_of_month, envelope_id) WHERE " + RECENT
            + " AND c.amount_fen < 1"));

    private Reconciliation() {
    }

    /** A broken rule and the envelope it was found on. */
    public record Violation(long envelopeId, String rule) {
    }

    /**
     * Checks every rule over the envelopes created at or after since.
     *
     * @param limitPerRule most envelopes reported per rule
     */
    public static List<Violation> check(Connection c, Instant since, int limitPerRule) throws SQLException {
        List<Violation> out = new ArrayList<>();
        for (Rule rule : RULES) {
            try (PreparedStatement ps = c.prepareStatement(rule.sql() + " LIMIT " + limitPerRule)) {
                ps.setTimestamp(1, Timestamp.from(since));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Violation(rs.getLong(1), rule.description()));
                    }
                }
            }
        }
        return out;
    }
}
