package io.redset.probes;

import java.util.List;

/**
 * Builds the probes of one {@link ProbeType} from the configuration: one per SET for SET probes,
 * one per configured target for target probes, none when the type is disabled.
 */
public interface ProbeProvider {

    ProbeType type();

    List<Probe> create(ProbeEnvironment environment);
}
