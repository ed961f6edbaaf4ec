package io.redset.engine.testing;

import io.redset.engine.internal.Reconciliation;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The money rules ({@link Reconciliation#RULES}), checked in SQL over every envelope of a SET
 * database. A failure names the rule and the envelopes that break it.
 */
public final class MoneyInvariants {

    private MoneyInvariants() {
    }

    /** "rule: envelope" for every broken rule (up to 5 envelopes each); empty when all hold. */
    public static List<String> violations(DataSource setDatabase) {
        try (Connection c = setDatabase.getConnection()) {
            return Reconciliation.check(c, Instant.EPOCH, 5).stream()
                    .map(v -> v.rule() + ": " + v.envelopeId())
                    .toList();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
