package io.redset.web;

import io.redset.engine.SetId;
import io.redset.web.db.SetPools;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Row counts of the money tables over all SET databases, to prove that a request wrote nothing.
 * Rows of RedSet's own canary probe (which runs in the background of these tests) are not counted.
 */
public final class SetTables {

    public static final List<String> TABLES = List.of("envelope", "claim", "ledger_entry", "send_request");

    private SetTables() {
    }

    public static Map<String, Long> counts(SetPools pools) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (SetId set : pools.dataSources().keySet()) {
            try (Connection c = pools.dataSource(set).getConnection(); Statement s = c.createStatement()) {
                for (String table : TABLES) {
                    try (ResultSet rs = s.executeQuery(countQuery(table))) {
                        rs.next();
                        counts.merge(table, rs.getLong(1), Long::sum);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return counts;
    }

    private static String countQuery(String table) {
        return switch (table) {
            case "envelope" -> "SELECT count(*) FROM envelope WHERE NOT probe";
            case "send_request" -> "SELECT count(*) FROM send_request";
            default -> "SELECT count(*) FROM " + table + " t JOIN envelope e USING (day_of_month, envelope_id) WHERE NOT e.probe";
        };
    }
}
