package io.redset.web.status.snapshot;

import io.redset.probes.ComponentStatus;

import java.time.Instant;
import java.util.List;

/** A group of components: its status is the worst of its members'. */
public record ComponentGroup(String id, String name, ComponentStatus status, int position, List<String> memberIds,
                             Instant createdAt, Instant updatedAt) {

    public ComponentGroup {
        memberIds = List.copyOf(memberIds);
    }
}
