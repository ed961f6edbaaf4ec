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

    /**
     * Every rule starts from the envelopes created at or after the bound time (index
     * envelope_created) and aggregates only their claim and ledger rows, so a check of the last
     * minutes does not scan the month.
     */
    private static final String RECENT = "WITH r AS (SELECT day_of_month, envelope_id FROM envelope WHERE created_at >= ?) ";
    private static final String IN_RECENT = inRecent("");

    private static String inRecent(String alias) {
        return "(" + alias + "day_of_month, " + alias + "envelope_id) IN (SELECT day_of_month, envelope_id FROM r)";
    }

    public static final List<Rule> RULES = List.of(
        new Rule("sum(claims) + remaining = total and claim count + remaining count = count",
            RECENT + "SELECT e.envelope_id FROM envelope e LEFT JOIN (SELECT day_of_month, envelope_id, sum(amount_fen) s, "
            + "count(*) n FROM claim WHERE " + IN_RECENT + " GROUP BY 1, 2) c USING (day_of_month, envelope_id) "
            + "WHERE " + inRecent("e.") + " AND "
            + "(coalesce(c.s, 0) + e.remaining_fen <> e.total_fen OR coalesce(c.n, 0) + e.remaining_count <> e.count)"),
        new Rule("refund = remaining for expired envelopes, none otherwise",
            RECENT + "SELECT e.envelope_id FROM envelope e WHERE " + inRecent("e.")
            + " AND ((e.status = 'EXPIRED' AND e.refunded_fen <> e.remaining_fen) OR (e.status <> 'EXPIRED' AND e.refunded_fen <> 0))"),
        new Rule("ledger balanced: one SEND of the total, SEND - CLAIMs - REFUND = remaining - refunded",
            RECENT + "SELECT e.envelope_id FROM envelope e LEFT JOIN (SELECT day_of_month, envelope_id, "
            + "sum(amount_fen) FILTER (WHERE kind = 'SEND') snd, count(*) FILTER (WHERE kind = 'SEND') nsend, "
            + "coalesce(sum(amount_fen) FILTER (WHERE kind = 'CLAIM'), 0) clm, "
            + "coalesce(sum(amount_fen) FILTER (WHERE kind = 'REFUND'), 0) ref, count(*) FILTER (WHERE kind = 'CLAIM') nclaim "
            + "FROM ledger_entry WHERE " + IN_RECENT + " GROUP BY 1, 2) l USING (day_of_month, envelope_id) "
            + "LEFT JOIN (SELECT day_of_month, envelope_id, count(*) n FROM claim WHERE " + IN_RECENT + " GROUP BY 1, 2) c "
            + "USING (day_of_month, envelope_id) WHERE " + inRecent("e.") + " AND "
            + "(l.nsend IS DISTINCT FROM 1 OR l.snd <> e.total_fen OR l.ref <> e.refunded_fen "
            + "OR l.snd - l.clm - l.ref <> e.remaining_fen - e.refunded_fen OR l.nclaim <> coalesce(c.n, 0))"),
        new Rule("every claim has its ledger row with the same amount and user",
            RECENT + "SELECT DISTINCT c.envelope_id FROM claim c LEFT JOIN ledger_entry l ON l.day_of_month = c.day_of_month "
            + "AND l.envelope_id = c.envelope_id AND l.kind = 'CLAIM' AND l.entry_no = c.seq WHERE " + inRecent("c.") + " AND "
            + "(l.amount_fen IS DISTINCT FROM c.amount_fen OR l.account_id IS DISTINCT FROM c.user_id)"),
        new Rule("no user claims twice",
            RECENT + "SELECT DISTINCT envelope_id FROM claim WHERE " + IN_RECENT
            + " GROUP BY day_of_month, envelope_id, user_id HAVING count(*) > 1"),
        new Rule("seq runs 1..n without gaps",
            RECENT + "SELECT envelope_id FROM claim WHERE " + IN_RECENT
            + " GROUP BY day_of_month, envelope_id HAVING min(seq) <> 1 OR max(seq) <> count(*)"),
        new Rule("FIFO: seq follows arrival order within an envelope",
            RECENT + "SELECT DISTINCT t.envelope_id FROM (SELECT envelope_id, arrival, lag(arrival) OVER (PARTITION BY "
            + "day_of_month, envelope_id ORDER BY seq) prev FROM claim WHERE " + IN_RECENT + ") t "
            + "WHERE t.prev IS NOT NULL AND t.arrival <= t.prev"),
        new Rule("every share is at least 1 fen",
            RECENT + "SELECT DISTINCT envelope_id FROM claim WHERE " + IN_RECENT + " AND amount_fen < 1"));

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
