package io.redset.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * The guard limits of one SET; all of them can be changed while running through
 * {@link ClaimEngine#updateLimits}. Immutable; build with {@link #custom()}.
 */
public final class SetLimits {

    public static final int DEFAULT_SEND_PER_SECOND = 5_000;
    public static final int DEFAULT_CLAIM_PER_SECOND = 100_000;
    public static final int DEFAULT_GRAB_PER_SECOND = 200_000;
    public static final int DEFAULT_DETAILS_PER_SECOND = 20_000;
    public static final int DEFAULT_BULKHEAD_MAX_CONCURRENT = 8;
    public static final Duration DEFAULT_BULKHEAD_MAX_WAIT = Duration.ofMillis(200);
    public static final int DEFAULT_ENVELOPE_CAP = 1_000;
    public static final int DEFAULT_BATCH_SIZE = 500;

    private final int sendPerSecond;
    private final int claimPerSecond;
    private final int grabPerSecond;
    private final int detailsPerSecond;
    private final int bulkheadMaxConcurrent;
    private final Duration bulkheadMaxWait;
    private final int envelopeCap;
    private final int batchSize;

    private SetLimits(Builder b) {
        this.sendPerSecond = b.sendPerSecond;
        this.claimPerSecond = b.claimPerSecond;
        this.grabPerSecond = b.grabPerSecond;
        this.detailsPerSecond = b.detailsPerSecond;
        this.bulkheadMaxConcurrent = b.bulkheadMaxConcurrent;
        this.bulkheadMaxWait = b.bulkheadMaxWait;
        this.envelopeCap = b.envelopeCap;
        this.batchSize = b.batchSize;
    }

    public static SetLimits ofDefaults() {
        return custom().build();
    }

    public static Builder custom() {
        return new Builder();
    }

    public static Builder from(SetLimits other) {
        return new Builder(other);
    }

    /** These limits with every rate multiplied by factor (at least 1 per second); cap and batch kept. */
    public SetLimits scaledRates(double factor) {
        return from(this)
                .sendPerSecond(Math.max(1, (int) (sendPerSecond * factor)))
                .claimPerSecond(Math.max(1, (int) (claimPerSecond * factor)))
                .grabPerSecond(Math.max(1, (int) (grabPerSecond * factor)))
                .detailsPerSecond(Math.max(1, (int) (detailsPerSecond * factor)))
                .build();
    }

    public int sendPerSecond() { return sendPerSecond; }
    public int claimPerSecond() { return claimPerSecond; }
    public int grabPerSecond() { return grabPerSecond; }
    public int detailsPerSecond() { return detailsPerSecond; }
    public int bulkheadMaxConcurrent() { return bulkheadMaxConcurrent; }
    public Duration bulkheadMaxWait() { return bulkheadMaxWait; }
    /** Claims that may wait in one envelope's queue before new ones are refused as busy. */
    public int envelopeCap() { return envelopeCap; }
    /** Most claims a lane applies in one database transaction. */
    public int batchSize() { return batchSize; }

    @Override
    public boolean equals(Object o) {
        return o instanceof SetLimits l && sendPerSecond == l.sendPerSecond && claimPerSecond == l.claimPerSecond
                && grabPerSecond == l.grabPerSecond && detailsPerSecond == l.detailsPerSecond
                && bulkheadMaxConcurrent == l.bulkheadMaxConcurrent && bulkheadMaxWait.equals(l.bulkheadMaxWait)
                && envelopeCap == l.envelopeCap && batchSize == l.batchSize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sendPerSecond, claimPerSecond, grabPerSecond, detailsPerSecond, bulkheadMaxConcurrent,
                bulkheadMaxWait, envelopeCap, batchSize);
    }

    @Override
    public String toString() {
        return "SetLimits{send/s=" + sendPerSecond + ", claim/s=" + claimPerSecond + ", grab/s=" + grabPerSecond
                + ", details/s=" + detailsPerSecond + ", bulkhead=" + bulkheadMaxConcurrent + "/" + bulkheadMaxWait
                + ", envelopeCap=" + envelopeCap + ", batchSize=" + batchSize + "}";
    }

    public static final class Builder {
        private int sendPerSecond = DEFAULT_SEND_PER_SECOND;
        private int claimPerSecond = DEFAULT_CLAIM_PER_SECOND;
        private int grabPerSecond = DEFAULT_GRAB_PER_SECOND;
        private int detailsPerSecond = DEFAULT_DETAILS_PER_SECOND;
        private int bulkheadMaxConcurrent = DEFAULT_BULKHEAD_MAX_CONCURRENT;
        private Duration bulkheadMaxWait = DEFAULT_BULKHEAD_MAX_WAIT;
        private int envelopeCap = DEFAULT_ENVELOPE_CAP;
        private int batchSize = DEFAULT_BATCH_SIZE;

        private Builder() {
        }

        private Builder(SetLimits o) {
            sendPerSecond = o.sendPerSecond;
            claimPerSecond = o.claimPerSecond;
            grabPerSecond = o.grabPerSecond;
            detailsPerSecond = o.detailsPerSecond;
            bulkheadMaxConcurrent = o.bulkheadMaxConcurrent;
            bulkheadMaxWait = o.bulkheadMaxWait;
            envelopeCap = o.envelopeCap;
            batchSize = o.batchSize;
        }

        public Builder sendPerSecond(int v) { sendPerSecond = positive("sendPerSecond", v); return this; }
        public Builder claimPerSecond(int v) { claimPerSecond = positive("claimPerSecond", v); return this; }
        public Builder grabPerSecond(int v) { grabPerSecond = positive("grabPerSecond", v); return this; }
        public Builder detailsPerSecond(int v) { detailsPerSecond = positive("detailsPerSecond", v); return this; }
        public Builder bulkheadMaxConcurrent(int v) { bulkheadMaxConcurrent = positive("bulkheadMaxConcurrent", v); return this; }
        public Builder envelopeCap(int v) { envelopeCap = positive("envelopeCap", v); return this; }

        public Builder batchSize(int v) {
            if (v < 1 || v > 10_000) {
                throw new IllegalArgumentException("batchSize must be 1..10000, was " + v);
            }
            batchSize = v;
            return this;
        }

        public Builder bulkheadMaxWait(Duration v) {
            if (v == null || v.isNegative()) {
                throw new IllegalArgumentException("bulkheadMaxWait must be zero or positive, was " + v);
            }
            bulkheadMaxWait = v;
            return this;
        }

        public SetLimits build() {
            return new SetLimits(this);
        }

        private static int positive(String name, int v) {
            if (v < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, was " + v);
            }
            return v;
        }
    }
}
