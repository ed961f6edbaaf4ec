package io.redset.web.probes;

import io.redset.probes.ComponentState;
import io.redset.probes.ProbeRun;
import io.redset.probes.ProbeState;
import io.redset.probes.StatusOverride;

import java.time.Instant;
import java.util.List;

/**
 * JSON shapes of the components' health. Statuses by their Statuspage names, times as UTC instants.
 * {@link Public} carries no free text from the probes (error messages may name hosts, causes may
 * name envelopes); {@link Detail}, for admins, carries all of it.
 */
final class ComponentJson {

    private ComponentJson() {
    }

    record Public(String id, String name, String description, String group, String set, String status, String since,
                  List<PublicProbe> probes) {
        static Public of(ComponentState s) {
            return new Public(s.id().value(), s.component().name(), s.component().description(), s.component().group(),
                    s.component().set() == null ? null : s.component().set().tag(), s.status().wireName(),
                    text(s.since()), s.probes().stream().map(PublicProbe::of).toList());
        }
    }

    record PublicProbe(String probe, String level, String lastRunAt, String lastOutcome, Double latencyMs) {
        static PublicProbe of(ProbeState p) {
            ProbeRun last = p.last();
            return new PublicProbe(p.probe().type().tag(), p.level().name().toLowerCase(),
                    last == null ? null : text(last.at()), last == null ? null : last.outcome().wireName(), latency(last));
        }
    }

    record Detail(String id, String name, String description, String group, String set, String status, String since,
                  String cause, String mode, StatusOverrideJson override, List<DetailProbe> probes) {
        static Detail of(ComponentState s) {
            return new Detail(s.id().value(), s.component().name(), s.component().description(), s.component().group(),
                    s.component().set() == null ? null : s.component().set().tag(), s.status().wireName(), text(s.since()),
                    s.cause(), s.mode() == null ? null : s.mode().name(), StatusOverrideJson.of(s.override()),
                    s.probes().stream().map(DetailProbe::of).toList());
        }
    }

    record DetailProbe(String probe, String level, String levelSince, String levelCause, String lastRunAt,
                       String lastOutcome, Double latencyMs, String message) {
        static DetailProbe of(ProbeState p) {
            ProbeRun last = p.last();
            return new DetailProbe(p.probe().type().tag(), p.level().name().toLowerCase(), text(p.levelSince()),
                    p.levelCause(), last == null ? null : text(last.at()), last == null ? null : last.outcome().wireName(),
                    latency(last), last == null ? null : last.result().message());
        }
    }

    record StatusOverrideJson(String status, String reason, String actor, String setAt, String expiresAt) {
        static StatusOverrideJson of(StatusOverride o) {
            return o == null ? null : new StatusOverrideJson(o.status().wireName(), o.reason(), o.actor(), text(o.setAt()),
                    text(o.expiresAt()));
        }
    }

    private static Double latency(ProbeRun last) {
        if (last == null || last.result().latency() == null) {
            return null;
        }
        return Math.round(last.result().latency().toNanos() / 1_000.0) / 1_000.0;
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
