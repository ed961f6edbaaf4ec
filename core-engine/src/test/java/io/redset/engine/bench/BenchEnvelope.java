package io.redset.engine.bench;

import io.redset.engine.EnvelopeId;

/**
 * An envelope prepared for a cell, with its shares pre-split (used by the strategies that cannot
 * draw a share inside their single statement, and by the ceiling row).
 */
record BenchEnvelope(EnvelopeId id, int set, long totalFen, int count, long[] shares) {
}
