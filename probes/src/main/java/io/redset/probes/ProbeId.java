package io.redset.probes;

import java.util.Objects;

/** One probe instance: its component and type, named {@code set-03/db} or {@code http-homepage/http}. */
public record ProbeId(ComponentId component, ProbeType type) implements Comparable<ProbeId> {

    public ProbeId {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(type, "type");
    }

    public String name() {
        return component.value() + "/" + type.tag();
    }

    @Override
    public int compareTo(ProbeId o) {
        int c = component.compareTo(o.component);
        return c != 0 ? c : type.compareTo(o.type);
    }

    @Override
    public String toString() {
        return name();
    }
}
