package io.redset.probes;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The probes running on this node, by id ({@code set-03/db}). Built once at start; immutable. */
public final class ProbeRegistry {

    private final Map<ProbeId, Probe> probes;

    public ProbeRegistry(Collection<Probe> probes) {
        Map<ProbeId, Probe> byId = new TreeMap<>();
        for (Probe p : probes) {
            if (byId.put(p.id(), p) != null) {
                throw new IllegalArgumentException("two probes with the id " + p.id());
            }
        }
        this.probes = Collections.unmodifiableMap(byId);
    }

    public List<Probe> all() {
        return List.copyOf(probes.values());
    }

    public Optional<Probe> find(ProbeId id) {
        return Optional.ofNullable(probes.get(id));
    }

    public Optional<Probe> find(String name) {
        return probes.values().stream().filter(p -> p.id().name().equals(name)).findFirst();
    }

    public List<Probe> of(ComponentId component) {
        return probes.values().stream().filter(p -> p.component().equals(component)).toList();
    }

    public int size() {
        return probes.size();
    }
}
