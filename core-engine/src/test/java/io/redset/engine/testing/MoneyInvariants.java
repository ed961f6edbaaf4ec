package io.redset.engine.testing;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The money rules, checked in SQL over a SET database. Each query returns the rows that break a
 * rule, so an empty result is a pass and a failure names the envelope.
 */
public final class MoneyInvariants {

    private MoneyInvariants() {
    }

    private static final String[][] RULES = {
        {"sum(claims) + remaining = total, claim count + remaining count = count",
            "SELECT e.envelope_id FROM envelope e LEFT JOIN (SELECT day_of_month, envelope_id, sum(amount_fen) s, count(*) n "
            + "FROM claim GROUP BY 1, 2) c USING (day_of_month, envelope_id) "
            + "WHERE coalesce(c.s, 0) + e.remaining_fen <> e.total_fen OR coalesce(c.n, 0) + e.remaining_count <> e.count"},
        {"refund = remaining for expired envelopes, none otherwise",
            "SELECT envelope_id FROM envelope WHERE (status = 'EXPIRED' AND refunded_fen <> remaining_fen) "
            + "OR (status <> 'EXPIRED' AND refunded_fen <> 0)"},
        {"ledger balanced: SEND - CLAIMs - REFUND = remaining - refunded, one SEND, CLAIM rows match claims",
            "SELECT e.envelope_id FROM envelope e LEFT JOIN (SELECT day_of_month, envelope_id, "
            + "sum(amount_fen) FILTER (WHERE kind = 'SEND') snd, count(*) FILTER (WHERE kind = 'SEND') nsend, "
            + "coalesce(sum(amount_fen) FILTER (WHERE kind = 'CLAIM'), 0) clm, "
            + "coalesce(sum(amount_fen) FILTER (WHERE kind = 'REFUND'), 0) ref, count(*) FILTER (WHERE kind = 'CLAIM') nclaim "
            + "FROM ledger_entry GROUP BY 1, 2) l USING (day_of_month, envelope_id) "
            + "WHERE l.nsend IS DISTINCT FROM 1 OR l.snd <> e.total_fen OR l.ref <> e.refunded_fen "
            + "OR l.snd - l.clm - l.ref <> e.remaining_fen - e.refunded_fen "
            + "OR l.nclaim <> (SELECT count(*) FROM claim c WHERE c.day_of_month = e.day_of_month AND c.envelope_id = e.envelope_id)"},
        {"every claim has its ledger row with the same amount and user",
            "SELECT c.envelope_id FROM claim c LEFT JOIN ledger_entry l ON l.day_of_month = c.day_of_month "
            + "AND l.envelope_id = c.envelope_id AND l.kind = 'CLAIM' AND l.entry_no = c.seq "
            + "WHERE l.amount_fen IS DISTINCT FROM c.amount_fen OR l.account_id IS DISTINCT FROM c.user_id"},
        {"no user twice on one envelope",
            "SELECT envelope_id FROM claim GROUP BY day_of_month, envelope_id, user_id HAVING count(*) > 1"},
        {"seq is 1..n without gaps",
            "SELECT envelope_id FROM claim GROUP BY day_of_month, envelope_id HAVING min(seq) <> 1 OR max(seq) <> count(*)"},
        {"FIFO: seq follows arrival order within an envelope",
            "SELECT envelope_id FROM (SELECT envelope_id, arrival, lag(arrival) OVER (PARTITION BY day_of_month, envelope_id "
            + "ORDER BY seq) prev FROM claim) t WHERE prev IS NOT NULL AND arrival <= prev"},
        {"every share >= 1 fen", "SELECT envelope_id FROM claim WHERE amount_fen < 1"},
    };

    /** Descriptions of every broken rule with up to 5 offending envelopes each; empty when all hold. */
    public static List<String> violations(DataSource setDatabase) {
        List<String> out = new ArrayList<>();
        for (String[] rule : RULES) {
            List<Object[]> bad = EngineFixture.query(setDatabase, rule[1] + " LIMIT 5");
            if (!bad.isEmpty()) {
                List<String> ids = bad.stream().map(r -> String.valueOf(r[0])).toList();
                out.add(rule[0] + ": " + ids);
            }
        }
        return out;
    }
}
