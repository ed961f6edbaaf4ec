package io.redset.engine.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.redset.engine.ClaimEngine;
import io.redset.engine.ClaimOutcome;
import io.redset.engine.EngineConfig;
import io.redset.engine.SetId;
import io.redset.engine.SetLimits;

import javax.sql.DataSource;
import java.util.HashMap;
import java.util.Map;

/** The engine as built: lanes, per-envelope FIFO, batches, the cap and the in-memory gate. */
final class RedSetStrategy implements Strategy {

    private final int lanesPerSet;
    private final int batchSize;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private ClaimEngine engine;

    RedSetStrategy(int lanesPerSet, int batchSize) {
        this.lanesPerSet = lanesPerSet;
        this.batchSize = batchSize;
    }

    @Override
    public String name() {
        return "redset";
    }

    private BenchDatabases databases;

    /**
     * The round's envelopes were written straight into the tables, not sent through this engine:
     * restart it, so it loads them into memory as after any restart (a real send puts them there).
     */
    @Override
    public void prepared(java.util.List<BenchEnvelope> envelopes) {
        engine.close();
        open(databases);
    }

    @Override
    public void open(BenchDatabases databases) {
        this.databases = databases;
        Map<SetId, DataSource> pools = new HashMap<>();
        for (int i = 0; i < databases.sets(); i++) {
            pools.put(SetId.of(i), databases.pool(i));
        }
        // started after the envelopes were written: the engine loads them into memory as after a restart
        engine = ClaimEngine.start(EngineConfig.custom()
                .setCount(databases.sets())
                .lanesPerSet(lanesPerSet)
                .maxCount(100_000)
                .maxTotalFen(1_000_000_000L)
                .backgroundJobs(false)
                .meterRegistry(meters)
                .limits(SetLimits.custom()
                        .claimPerSecond(10_000_000).grabPerSecond(10_000_000)
                        .envelopeCap(100_000).batchSize(batchSize).build())
                .build(), pools);
    }

    @Override
    public ClaimOutcome claim(BenchEnvelope e, String user, long arrival) {
        return engine.claim(e.id(), user).outcome();
    }

    /** The lanes' transactions: one per batch (the meter registry outlives engine restarts). */
    @Override
    public long transactions() {
        return meters.find("redset.batch.claims").summaries().stream().mapToLong(s -> s.count()).sum();
    }


    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
    }
}
