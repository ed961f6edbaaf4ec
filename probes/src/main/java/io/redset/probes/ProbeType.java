package io.redset.probes;

/**
 * The declared probe types. Each has exactly one {@link ProbeProvider} in its own package
 * {@code io.redset.probes.<tag>}, registered in {@link ProbeProviders}; a test fails when a type
 * declared here has none (the checklist for a new type is in {@link ProbeProviders}).
 */
public enum ProbeType {
    /** Round trip ({@code SELECT 1}) through the SET's own pool. */
    DB("db", Scope.SET, ComponentStatus.MAJOR_OUTAGE),
    /** A tiny probe envelope sent, grabbed, claimed by two probe users, read back, refunded. */
    CANARY("canary", Scope.SET, ComponentStatus.PARTIAL_OUTAGE),
    /** The money rules over the SET's recent envelopes and ledger. */
    RECONCILE("reconcile", Scope.SET, ComponentStatus.PARTIAL_OUTAGE),
    /** Queue depth, error and rejection ratios and p99 latency from the engine's own meters. */
    ENGINE("engine", Scope.SET, ComponentStatus.PARTIAL_OUTAGE),
    /** Any URL, with conditions on status code, latency and body. */
    HTTP("http", Scope.TARGET, ComponentStatus.MAJOR_OUTAGE);

    /** What a probe of this type is attached to. */
    public enum Scope {
        /** One probe per SET this node serves, on the SET's component. */
        SET,
        /** One probe per configured target, each with its own component. */
        TARGET
    }

    private final String tag;
    private final Scope scope;
    private final ComponentStatus downMeans;

    ProbeType(String tag, Scope scope, ComponentStatus downMeans) {
        this.tag = tag;
        this.scope = scope;
        this.downMeans = downMeans;
    }

    /** The name in metrics, the database and configuration keys: {@code db}, {@code canary}, ... */
    public String tag() {
        return tag;
    }

    public Scope scope() {
        return scope;
    }

    /** The component status a probe of this type causes while it is DOWN. */
    public ComponentStatus downMeans() {
        return downMeans;
    }

    /** The package that must hold this type's provider: {@code io.redset.probes.canary}. */
    public String packageName() {
        return ProbeType.class.getPackageName() + "." + tag;
    }

    public static ProbeType ofTag(String tag) {
        for (ProbeType t : values()) {
            if (t.tag.equals(tag)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown probe type: " + tag);
    }
}
