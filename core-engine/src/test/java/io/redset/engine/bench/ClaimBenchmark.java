package io.redset.engine.bench;

import io.redset.engine.ClaimOutcome;
import io.redset.engine.RejectedException;
import io.redset.engine.internal.Reconciliation;
import io.redset.engine.testing.TestPostgres;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The engine against the classic designs, in one run: every scenario against every strategy on
 * the same embedded PostgreSQL (fsync and synchronous_commit on), each cell on fresh databases,
 * the money rules checked in SQL after each cell. Prints one table and writes
 * {@code target/bench/results.csv}. Run with {@code ./mvnw -pl core-engine -Pbench verify}
 * ({@code -Dbench.quick=true} for the quick mode). Exits non-zero if any invariant check fails.
 */
public final class ClaimBenchmark {

    static final int CLAIMERS = 256;
    static final int BATCH_SIZE = Integer.getInteger("bench.batch", io.redset.engine.SetLimits.DEFAULT_BATCH_SIZE);
    static final int LANES_PER_SET = Integer.getInteger("bench.lanes", io.redset.engine.EngineConfig.DEFAULT_LANES_PER_SET);

    enum Scenario {
        /** One envelope of 20,000 shares, 256 concurrent claimers. */
        HOT("hot", 1, 1, 20_000),
        /** 5,000 envelopes of 20 shares, 256 concurrent claimers. */
        MANY("many", 1, 5_000, 20),
        /** One envelope of 100 shares, 10,000 claimers: how many transactions does the rush cost? */
        SOLDOUT("soldout", 1, 1, 100),
        /** The hot envelope once per SET, 4 SETs in one process. */
        SETS4("sets4", 4, 1, 20_000);

        final String label;
        final int sets;
        final int envelopesPerSet;
        final int shares;

        Scenario(String label, int sets, int envelopesPerSet, int shares) {
            this.label = label;
            this.sets = sets;
            this.envelopesPerSet = envelopesPerSet;
            this.shares = shares;
        }
    }

    record Result(Scenario scenario, String strategy, double claimsPerSecond, double p50, double p99, double max,
                  long transactions, long errors, boolean invariantOk, long fifoViolations, long claims, long answers,
                  double seconds, String note) {
    }

    private final boolean quick;
    private final double minSeconds;
    private final double roundCapSeconds;
    private final double warmupSeconds;
    private final TestPostgres server;
    private final PrintStream out = System.out;

    private ClaimBenchmark(boolean quick, TestPostgres server) {
        this.quick = quick;
        this.server = server;
        this.minSeconds = quick ? 2 : 10;
        this.roundCapSeconds = quick ? 3 : 30;
        this.warmupSeconds = quick ? 1 : 3;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Boolean.parseBoolean(System.getProperty("bench.quick", "false"));
        Path outDir = Path.of(System.getProperty("bench.out", "target/bench"));
        try (TestPostgres server = TestPostgres.start(null, 0)) {
            ClaimBenchmark bench = new ClaimBenchmark(quick, server);
            List<Result> results = bench.runAll();
            bench.printSettings();
            bench.print(results);
            Files.createDirectories(outDir);
            Files.writeString(outDir.resolve("results.csv"), csv(results));
            bench.out.println("written: " + outDir.resolve("results.csv"));
            if (results.stream().anyMatch(r -> !r.invariantOk())) {
                bench.out.println("INVARIANT CHECK FAILED");
                System.exit(1);
            }
        }
        System.exit(0);
    }

    private List<Result> runAll() throws Exception {
        Map<String, Supplier<Strategy>> strategies = new LinkedHashMap<>();
        strategies.put("pessimistic", PessimisticStrategy::new);
        strategies.put("optimistic", OptimisticStrategy::new);
        strategies.put("conditional", ConditionalStrategy::new);
        strategies.put("redset", () -> new RedSetStrategy(LANES_PER_SET, BATCH_SIZE));
        strategies.put("ceiling", () -> new CeilingStrategy(BATCH_SIZE));
        // -Dbench.scenarios=hot,many and -Dbench.strategies=redset,ceiling run a part of the table
        List<String> onlyScenarios = List.of(System.getProperty("bench.scenarios", "").split(","));
        List<String> onlyStrategies = List.of(System.getProperty("bench.strategies", "").split(","));
        List<Result> results = new ArrayList<>();
        for (Scenario scenario : Scenario.values()) {
            if (!onlyScenarios.get(0).isEmpty() && !onlyScenarios.contains(scenario.label)) {
                continue;
            }
            for (Map.Entry<String, Supplier<Strategy>> s : strategies.entrySet()) {
                if (!onlyStrategies.get(0).isEmpty() && !onlyStrategies.contains(s.getKey())) {
                    continue;
                }
                Result r = runCell(scenario, s.getValue());
                results.add(r);
                out.printf(Locale.ROOT, "%-8s %-12s %10.0f claims/s  p99 %8.1f ms  tx %7d  errors %5d  invariants %s%s%n",
                        r.scenario().label, r.strategy(), r.claimsPerSecond(), r.p99(), r.transactions(), r.errors(),
                        r.invariantOk() ? "ok" : "FAILED", r.note().isEmpty() ? "" : "  (" + r.note() + ")");
            }
        }
        return results;
    }

    private Result runCell(Scenario scenario, Supplier<Strategy> factory) throws Exception {
        try (BenchDatabases dbs = new BenchDatabases(server, scenario.sets, 8); Strategy strategy = factory.get()) {
            // warm-up on envelopes of its own, excluded from every figure
            List<BenchEnvelope> warm = prepare(dbs, scenario == Scenario.SOLDOUT ? Scenario.HOT : scenario, 0.1);
            strategy.open(dbs);
            Recorder ignored = new Recorder(3);
            runRound(strategy, scenario, warm, ignored, new Counters(), warmupSeconds);
            long txBefore = strategy.transactions();
            long retriesBefore = strategy.retries();

            Recorder latencies = new Recorder(3);
            Counters counters = new Counters();
            double seconds = 0;
            do {
                List<BenchEnvelope> round = prepare(dbs, scenario, 1.0);
                strategy.prepared(round);
                long t0 = System.nanoTime();
                runRound(strategy, scenario, round, latencies, counters, roundCapSeconds);
                seconds += (System.nanoTime() - t0) / 1e9;
            } while (seconds < minSeconds && scenario != Scenario.SOLDOUT);
            long transactions = strategy.transactions() - txBefore;
            String note = "";
            if (strategy instanceof OptimisticStrategy) {
                note = "retries " + (strategy.retries() - retriesBefore) + ", give-ups " + strategy.giveUps();
            }
            if (strategy instanceof RedSetStrategy) {
                double meanBatch = transactions == 0 ? 0 : (double) counters.claimed.get() / transactions;
                note = String.format(Locale.ROOT, "mean batch %.1f", meanBatch);
                if (scenario == Scenario.SOLDOUT) {
                    note += String.format(Locale.ROOT, ", tx budget %.1f", scenario.shares / meanBatch + 5);
                }
            }
            strategy.close();

            boolean fifoMatters = strategy instanceof RedSetStrategy;
            long violations = 0;
            long fifo = 0;
            for (int set = 0; set < dbs.sets(); set++) {
                try (Connection c = dbs.pool(set).getConnection()) {
                    for (Reconciliation.Violation v : Reconciliation.check(c, Instant.EPOCH, 1000)) {
                        if (v.rule().startsWith("FIFO")) {
                            fifo++;
                            if (fifoMatters) {
                                violations++;
                            }
                        } else {
                            violations++;
                        }
                    }
                }
            }
            Histogram h = latencies.getIntervalHistogram();
            long rate = scenario == Scenario.SOLDOUT ? counters.answers.get() : counters.claimed.get();
            if (violations > 0) {
                note = (note.isEmpty() ? "" : note + "; ") + violations + " envelopes break money rules";
            }
            return new Result(scenario, strategy.name(), rate / seconds, h.getValueAtPercentile(50) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, transactions,
                    counters.errors.get(), violations == 0, fifo, counters.claimed.get(), counters.answers.get(), seconds, note);
        }
    }

    private List<BenchEnvelope> prepare(BenchDatabases dbs, Scenario scenario, double scale) throws Exception {
        List<BenchEnvelope> all = new ArrayList<>();
        int envelopes = Math.max(1, (int) (scenario.envelopesPerSet * (scenario == Scenario.MANY ? scale : 1)));
        int shares = Math.max(1, (int) (scenario.shares * (scenario == Scenario.MANY ? 1 : scale)));
        for (int set = 0; set < scenario.sets; set++) {
            all.addAll(dbs.createEnvelopes(set, envelopes, shares, 100));
        }
        return all;
    }

    static final class Counters {
        final AtomicLong claimed = new AtomicLong();
        final AtomicLong answers = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
    }

    private static final AtomicLong USERS = new AtomicLong();
    private static final AtomicLong ARRIVALS = new AtomicLong();

    /**
     * One round: 256 claimers until every envelope is sold out or the cap is reached. In the
     * sold-out storm, 10,000 distinct users claim once each instead.
     */
    private void runRound(Strategy strategy, Scenario scenario, List<BenchEnvelope> envelopes, Recorder latencies,
                          Counters counters, double capSeconds) throws Exception {
        long deadline = System.nanoTime() + (long) (capSeconds * 1e9);
        if (strategy instanceof CeilingStrategy ceiling) {
            long n = ceiling.apply(envelopes, latencies, deadline);
            counters.claimed.addAndGet(n);
            counters.answers.addAndGet(n);
            return;
        }
        int n = envelopes.size();
        AtomicBoolean[] done = new AtomicBoolean[n];
        for (int i = 0; i < n; i++) {
            done[i] = new AtomicBoolean();
        }
        AtomicInteger open = new AtomicInteger(n);
        AtomicInteger stormLeft = new AtomicInteger(10_000);
        boolean storm = scenario == Scenario.SOLDOUT;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < CLAIMERS; t++) {
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    int i;
                    if (storm) {
                        if (stormLeft.decrementAndGet() < 0) {
                            return;
                        }
                        i = 0;
                    } else {
                        if (open.get() == 0) {
                            return;
                        }
                        i = ThreadLocalRandom.current().nextInt(n);
                        for (int probe = 0; probe < n && done[i].get(); probe++) {
                            i = (i + 1) % n;
                        }
                        if (done[i].get()) {
                            return;
                        }
                    }
                    String user = "u" + USERS.incrementAndGet();
                    long start = System.nanoTime();
                    try {
                        ClaimOutcome o = strategy.claim(envelopes.get(i), user, ARRIVALS.incrementAndGet());
                        latencies.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
                        counters.answers.incrementAndGet();
                        if (o == ClaimOutcome.CLAIMED) {
                            counters.claimed.incrementAndGet();
                        } else if (o == ClaimOutcome.SOLD_OUT && done[i].compareAndSet(false, true)) {
                            open.decrementAndGet();
                        }
                    } catch (RejectedException e) {
                        counters.errors.incrementAndGet();
                    } catch (Exception e) {
                        counters.errors.incrementAndGet();
                    }
                }
            }, "claimer-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private void printSettings() throws Exception {
        var runtime = ManagementFactory.getRuntimeMXBean();
        out.println();
        out.printf("RedSet claim benchmark, %s mode, %s%n", quick ? "quick" : "full", Instant.now());
        out.printf("JVM: %s %s, %d processors, max heap %d MiB, flags %s%n", runtime.getVmName(),
                Runtime.version(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, runtime.getInputArguments());
        try (Connection c = server.admin().getConnection(); Statement s = c.createStatement()) {
            StringBuilder sb = new StringBuilder("PostgreSQL: ");
            for (String key : List.of("server_version", "fsync", "synchronous_commit", "shared_buffers", "max_connections", "wal_level")) {
                try (ResultSet rs = s.executeQuery("SHOW " + key)) {
                    rs.next();
                    sb.append(key).append('=').append(rs.getString(1)).append(' ');
                }
            }
            out.println(sb.toString().trim());
        }
        out.printf("Cells: %d claimers, batch size %d, %d lanes per SET, JDBC pools of %d for the classic designs; "
                        + "each cell >= %.0f s after a %.0f s warm-up, rounds capped at %.0f s%n",
                CLAIMERS, BATCH_SIZE, LANES_PER_SET, JdbcStrategy.POOL_SIZE, minSeconds, warmupSeconds, roundCapSeconds);
        out.println("soldout: claims_per_s counts every answer (the 100 winners and the losers).");
    }

    private void print(List<Result> results) {
        out.println();
        out.printf("%-8s %-12s %12s %9s %9s %9s %9s %7s %6s %5s %7s  %s%n", "scenario", "strategy", "claims/s", "p50 ms",
                "p99 ms", "max ms", "db tx", "errors", "money", "fifo", "ratio", "note");
        for (Result r : results) {
            out.printf(Locale.ROOT, "%-8s %-12s %12.0f %9.1f %9.1f %9.1f %9d %7d %6s %5d %7.1f  %s%n", r.scenario().label,
                    r.strategy(), r.claimsPerSecond(), r.p50(), r.p99(), r.max(), r.transactions(), r.errors(),
                    r.invariantOk() ? "ok" : "FAIL", r.fifoViolations(), ratio(results, r), r.note());
        }
    }

    private static double ratio(List<Result> results, Result r) {
        return results.stream().filter(x -> x.scenario() == r.scenario() && x.strategy().equals("pessimistic"))
                .findFirst().map(p -> p.claimsPerSecond() == 0 ? 0 : r.claimsPerSecond() / p.claimsPerSecond()).orElse(0.0);
    }

    private static String csv(List<Result> results) {
        StringBuilder sb = new StringBuilder("scenario,strategy,claims_per_s,p50_ms,p99_ms,max_ms,db_transactions,errors,"
                + "invariant_ok,ratio_to_pessimistic\n");
        for (Result r : results) {
            sb.append(String.format(Locale.ROOT, "%s,%s,%.1f,%.2f,%.2f,%.2f,%d,%d,%s,%.2f%n", r.scenario().label, r.strategy(),
                    r.claimsPerSecond(), r.p50(), r.p99(), r.max(), r.transactions(), r.errors(), r.invariantOk(),
                    ratio(results, r)));
        }
        return sb.toString();
    }
}
