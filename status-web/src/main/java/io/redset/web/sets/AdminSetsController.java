package io.redset.web.sets;

import io.redset.engine.ClaimEngine;
import io.redset.engine.InvalidInputException;
import io.redset.engine.SetId;
import io.redset.engine.SetLimits;
import io.redset.engine.SetMode;
import io.redset.web.api.JsonInput;
import io.redset.web.api.UnknownSetException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The admin API for SETs (HTTP Basic, role ADMIN; see the security configuration): each SET's
 * mode, circuit and guard limits; switching a SET's degradation mode (audited with the admin's
 * name and reason); changing its limits live.
 */
@RestController
@RequestMapping("/api/v1/admin/sets")
class AdminSetsController {

    private static final Set<String> LIMIT_FIELDS = Set.of("sendPerSecond", "claimPerSecond", "grabPerSecond",
            "detailsPerSecond", "bulkheadMaxConcurrent", "bulkheadMaxWait", "envelopeCap", "batchSize");

    private final ClaimEngine engine;
    private final SetAdministration sets;

    public AdminSetsController(ClaimEngine engine, SetAdministration sets) {
        this.engine = engine;
        this.sets = sets;
    }

    @GetMapping
    public List<SetJson.View> sets() {
        return engine.sets().stream().map(SetJson.View::of).toList();
    }

    @GetMapping("/{set}")
    public SetJson.View set(@PathVariable("set") String set) {
        return SetJson.View.of(engine.set(setId(set)));
    }

    /**
     * Body {@code {"mode": "READ_ONLY", "reason": "database maintenance", "returnToNormalAfter": "PT1H"}};
     * the reason is required, the automatic return to NORMAL optional.
     */
    @PutMapping(path = "/{set}/mode", consumes = MediaType.APPLICATION_JSON_VALUE)
    public SetJson.View setMode(@PathVariable("set") String set, HttpServletRequest request,
                                Authentication admin) throws IOException {
        SetId id = setId(set);
        JsonInput in = JsonInput.read(request);
        SetMode mode = in.requiredEnum("mode", SetMode.class);
        return SetJson.View.of(sets.switchMode(id, mode, in.requiredString("reason"), in.optionalDuration("returnToNormalAfter"),
                admin.getName(), request.getRemoteAddr()));
    }

    /**
     * Changes some limits of a SET live; fields left out keep their value. Unknown fields are an
     * error, so a typo cannot silently change nothing.
     */
    @PutMapping(path = "/{set}/limits", consumes = MediaType.APPLICATION_JSON_VALUE)
    public SetJson.View updateLimits(@PathVariable("set") String set, HttpServletRequest request,
                                     Authentication admin) throws IOException {
        SetId id = setId(set);
        JsonInput in = JsonInput.read(request);
        Set<String> unknown = new TreeSet<>(in.fieldNames());
        unknown.removeAll(LIMIT_FIELDS);
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(unknown.iterator().next(), "is not a limit; limits are " + new TreeSet<>(LIMIT_FIELDS));
        }
        SetLimits.Builder b = SetLimits.from(engine.limits(id));
        applyInt(in, "sendPerSecond", b::sendPerSecond);
        applyInt(in, "claimPerSecond", b::claimPerSecond);
        applyInt(in, "grabPerSecond", b::grabPerSecond);
        applyInt(in, "detailsPerSecond", b::detailsPerSecond);
        applyInt(in, "bulkheadMaxConcurrent", b::bulkheadMaxConcurrent);
        applyInt(in, "envelopeCap", b::envelopeCap);
        applyInt(in, "batchSize", b::batchSize);
        Duration maxWait = in.optionalDuration("bulkheadMaxWait");
        if (maxWait != null) {
            apply("bulkheadMaxWait", () -> b.bulkheadMaxWait(maxWait));
        }
        return SetJson.View.of(sets.updateLimits(id, b.build(), admin.getName(), request.getRemoteAddr()));
    }

    private SetId setId(String text) {
        int count = engine.config().setCount();
        SetId id;
        try {
            id = SetId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UnknownSetException(text, count);
        }
        if (id.index() >= count) {
            throw new UnknownSetException(text, count);
        }
        return id;
    }

    private static void applyInt(JsonInput in, String field, Consumer<Integer> setter) {
        Integer value = in.optionalInt(field);
        if (value != null) {
            apply(field, () -> setter.accept(value));
        }
    }

    /** The builder names the setting in its message; report it on the JSON field. */
    private static void apply(String field, Runnable change) {
        try {
            change.run();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, e.getMessage().startsWith(field)
                    ? e.getMessage().substring(field.length()).strip() : e.getMessage());
        }
    }
}
