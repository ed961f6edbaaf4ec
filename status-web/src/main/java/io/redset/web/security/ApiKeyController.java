package io.redset.web.security;

import io.redset.engine.InvalidInputException;
import io.redset.engine.SetId;
import io.redset.web.api.JsonInput;
import io.redset.web.audit.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code /api/v1/admin/api-keys} (ADMIN): service keys of the claim API. A key's secret is in the
 * answer to its creation only; lists show its name, hint, scopes and SETs.
 */
@RestController
@RequestMapping("/api/v1/admin/api-keys")
class ApiKeyController {

    private final ApiKeys keys;
    private final AuditLog audit;
    private final int setCount;

    public ApiKeyController(ApiKeys keys, AuditLog audit, io.redset.web.RedSetProperties properties) {
        this.keys = keys;
        this.audit = audit;
        this.setCount = properties.sets().count();
    }

    /** A key as shown: never its secret. */
    public record KeyJson(long id, String name, String hint, List<String> scopes, List<String> sets, String createdBy,
                          Instant createdAt, boolean active, Instant revokedAt, String revokedBy) {
        static KeyJson of(ApiKeys.ApiKey k) {
            return new KeyJson(k.id(), k.name(), k.hint() + "…", k.scopes().stream().map(ApiScope::wire).toList(),
                    k.sets() == null ? null : k.sets().stream().map(SetId::tag).toList(), k.createdBy(), k.createdAt(),
                    k.active(), k.revokedAt(), k.revokedBy());
        }
    }

    /** The answer to a creation: the key and its secret, shown this once. */
    public record CreatedJson(KeyJson key, String secret) {
    }

    @GetMapping
    public List<KeyJson> list() {
        return keys.list().stream().map(KeyJson::of).toList();
    }

    /** Body {@code {"name": "app-1", "scopes": ["send", "claim"], "sets": ["00", "01"]}}; sets optional (every SET). */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<CreatedJson> create(HttpServletRequest request, Authentication admin) throws IOException {
        JsonInput in = JsonInput.read(request);
        Set<String> unknown = new TreeSet<>(in.fieldNames());
        unknown.removeAll(Set.of("name", "scopes", "sets"));
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(unknown.iterator().next(), "is not a field of an API key (name, scopes, sets)");
        }
        String name = in.requiredString("name");
        List<String> scopeNames = in.optionalStringList("scopes", 3);
        if (scopeNames == null || scopeNames.isEmpty()) {
            throw new InvalidInputException("scopes", "is required: a list of send, claim, read");
        }
        EnumSet<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        for (String s : scopeNames) {
            try {
                scopes.add(ApiScope.ofWire(s));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("scopes", "must contain only send, claim, read");
            }
        }
        List<String> setNames = in.optionalStringList("sets", setCount);
        Set<SetId> sets = null;
        if (setNames != null) {
            sets = new TreeSet<>();
            for (String s : setNames) {
                SetId id;
                try {
                    id = SetId.parse(s);
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException("sets", "must contain SET numbers such as \"00\"");
                }
                if (id.index() >= setCount) {
                    throw new InvalidInputException("sets", "names SET " + id + ", which does not exist");
                }
                sets.add(id);
            }
        }
        ApiKeys.Created created = keys.create(name, scopes, sets, admin.getName());
        KeyJson shown = KeyJson.of(created.key());
        audit.record("api-key.create", "API key " + shown.name(), null,
                "scopes " + shown.scopes() + ", SETs " + (shown.sets() == null ? "all" : shown.sets()), null);
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/admin/api-keys/" + created.key().id()))
                .body(new CreatedJson(KeyJson.of(created.key()), created.secret()));
    }

    @GetMapping("/{id}")
    public KeyJson get(@PathVariable("id") long id) {
        return keys.find(id).map(KeyJson::of).orElseThrow(() -> notFound(id));
    }

    /** Revokes the key: refused on this node at once, on every node within the key cache's lifetime. */
    @DeleteMapping("/{id}")
    public KeyJson revoke(@PathVariable("id") long id, Authentication admin) {
        ApiKeys.ApiKey key = keys.find(id).orElseThrow(() -> notFound(id));
        keys.revoke(id, admin.getName());
        audit.record("api-key.revoke", "API key " + key.name(), key.active() ? "active" : "revoked", "revoked", null);
        return keys.find(key.id()).map(KeyJson::of).orElseThrow();
    }

    private static ResponseStatusException notFound(long id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no API key with id " + id);
    }

}
