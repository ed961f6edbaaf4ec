package io.redset.web.probes;

import io.redset.probes.ComponentHealth;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The components' current health as JSON, read-only and from memory (answers while the control
 * database does not):
 * <ul>
 *   <li>{@code GET /api/v1/health/components}: public; status and probe levels, no free text;</li>
 *   <li>{@code GET /api/v1/admin/health/components}: role ADMIN (the admin path's security rule);
 *       with causes, probe messages, the SET's mode and any override.</li>
 * </ul>
 */
@RestController
@ConditionalOnBooleanProperty(name = "redset.probes.enabled", matchIfMissing = true)
class HealthComponentsController {

    private final ComponentHealth health;

    public HealthComponentsController(ComponentHealth health) {
        this.health = health;
    }

    @GetMapping("/api/v1/health/components")
    public List<ComponentJson.Public> components() {
        return health.components().stream().map(ComponentJson.Public::of).toList();
    }

    @GetMapping("/api/v1/admin/health/components")
    public List<ComponentJson.Detail> details() {
        return health.components().stream().map(ComponentJson.Detail::of).toList();
    }
}
