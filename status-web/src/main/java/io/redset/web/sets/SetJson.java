package io.redset.web.sets;

import io.redset.engine.ModeChange;
import io.redset.engine.SetLimits;
import io.redset.engine.SetView;

/** The JSON shapes of the admin API for SETs. Durations are ISO-8601 ("PT0.2S"), times UTC instants. */
final class SetJson {

    private SetJson() {
    }

    record View(String set, boolean owned, String mode, Change lastChange, String circuitState, int queuedClaims,
                int cachedEnvelopes, Limits limits, Limits effectiveLimits) {
        static View of(SetView v) {
            return new View(v.set().tag(), v.owned(), v.mode().name(), Change.of(v.lastChange()), v.circuitState(),
                    v.queuedClaims(), v.cachedEnvelopes(), Limits.of(v.limits()), Limits.of(v.effectiveLimits()));
        }
    }

    record Change(String mode, String reason, String actor, String at) {
        static Change of(ModeChange c) {
            return c == null ? null : new Change(c.mode().name(), c.reason(), c.actor(),
                    c.at() == null ? null : c.at().toString());
        }
    }

    record Limits(int sendPerSecond, int claimPerSecond, int grabPerSecond, int detailsPerSecond,
                  int bulkheadMaxConcurrent, String bulkheadMaxWait, int envelopeCap, int batchSize) {
        static Limits of(SetLimits l) {
            return l == null ? null : new Limits(l.sendPerSecond(), l.claimPerSecond(), l.grabPerSecond(),
                    l.detailsPerSecond(), l.bulkheadMaxConcurrent(), l.bulkheadMaxWait().toString(), l.envelopeCap(),
                    l.batchSize());
        }
    }
}
