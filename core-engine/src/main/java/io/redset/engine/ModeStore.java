package io.redset.engine;

import java.util.Map;

/**
 * Where SET modes survive a restart. The web app keeps them in the control database with an audit
 * trail; the default keeps them in memory only.
 */
public interface ModeStore {

    /** The last change of every SET that has one. */
    Map<SetId, ModeChange> load();

    void save(ModeChange change);

    static ModeStore inMemory() {
        return new ModeStore() {
            private final Map<SetId, ModeChange> modes = new java.util.concurrent.ConcurrentHashMap<>();

            @Override
            public Map<SetId, ModeChange> load() {
                return Map.copyOf(modes);
            }

            @Override
            public void save(ModeChange change) {
                modes.put(change.set(), change);
            }
        };
    }
}
