package io.redset.web.users;

import io.redset.engine.InvalidInputException;
import io.redset.web.api.JsonInput;
import io.redset.web.security.ConsoleRole;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Console users over HTTP. {@code /api/v1/admin/users} (ADMIN): list, create (a password given or
 * generated and shown once), change role or enabled, reset a password. {@code /api/v1/me/password}
 * (any console user): change one's own password with the current one. Every change is audited.
 */
@RestController
class UsersController {

    private static final int MAX_REASON = 200;

    private final UserAdmin users;

    UsersController(UserAdmin users) {
        this.users = users;
    }

    /** The answer to a creation or reset: the generated password appears this once, else null. */
    public record CreatedJson(UserAdmin.UserView user, String password) {
    }

    @GetMapping("/api/v1/admin/users")
    public List<UserAdmin.UserView> list() {
        return users.list();
    }

    @GetMapping("/api/v1/admin/users/{username}")
    public UserAdmin.UserView get(@PathVariable("username") String username) {
        return users.find(username).orElseThrow(() -> unknown(username));
    }

    /** Body {@code {"username": "alice", "role": "ONCALL", "password": "...optional", "reason": "...optional"}}. */
    @PostMapping(path = "/api/v1/admin/users", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<CreatedJson> create(HttpServletRequest request) throws IOException {
        JsonInput in = only(JsonInput.read(request), "username", "role", "password", "reason");
        UserAdmin.Created c = users.create(in.requiredString("username"), in.requiredEnum("role", ConsoleRole.class),
                in.optionalString("password"), reason(in));
        return ResponseEntity.created(URI.create("/api/v1/admin/users/" + c.user().username()))
                .body(new CreatedJson(c.user(), c.password()));
    }

    /** Body {@code {"role": "VIEWER"}} and/or {@code {"enabled": false}}, with an optional reason. */
    @PatchMapping(path = "/api/v1/admin/users/{username}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public UserAdmin.UserView change(@PathVariable("username") String username, HttpServletRequest request,
                                     Authentication admin) throws IOException {
        JsonInput in = only(JsonInput.read(request), "role", "enabled", "reason");
        ConsoleRole role = in.has("role") ? in.requiredEnum("role", ConsoleRole.class) : null;
        Boolean enabled = in.optionalBoolean("enabled");
        if (role == null && enabled == null) {
            throw new InvalidInputException("role", "or enabled is required");
        }
        if (username.equals(admin.getName()) && Boolean.FALSE.equals(enabled)) {
            throw new InvalidInputException("enabled", "cannot be false for yourself: ask another admin");
        }
        return users.change(username, role, enabled, reason(in)).orElseThrow(() -> unknown(username));
    }

    /** Body {@code {}} (a password is generated) or {@code {"password": "..."}}, with an optional reason. */
    @PostMapping(path = "/api/v1/admin/users/{username}/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    public CreatedJson resetPassword(@PathVariable("username") String username, HttpServletRequest request) throws IOException {
        JsonInput in = only(JsonInput.read(request), "password", "reason");
        String generated = users.resetPassword(username, in.optionalString("password"), reason(in))
                .orElse(null);
        UserAdmin.UserView v = users.find(username).orElseThrow(() -> unknown(username));
        return new CreatedJson(v, generated);
    }

    /** Body {@code {"currentPassword": "...", "newPassword": "..."}}. */
    @PutMapping(path = "/api/v1/me/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Void> changeOwnPassword(HttpServletRequest request, Authentication me) throws IOException {
        JsonInput in = only(JsonInput.read(request), "currentPassword", "newPassword");
        users.changeOwnPassword(me.getName(), in.requiredString("currentPassword"), in.requiredString("newPassword"));
        return ResponseEntity.noContent().build();
    }

    /** The signed-in console user: name and role. */
    @GetMapping("/api/v1/me")
    public UserAdmin.UserView me(Authentication me) {
        return users.find(me.getName()).orElseThrow(() -> unknown(me.getName()));
    }

    private static JsonInput only(JsonInput in, String... allowed) {
        Set<String> unknown = new TreeSet<>(in.fieldNames());
        unknown.removeAll(Set.of(allowed));
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(unknown.iterator().next(), "is not a field here; fields are " + new TreeSet<>(Set.of(allowed)));
        }
        return in;
    }

    private static String reason(JsonInput in) {
        String r = in.optionalString("reason");
        if (r == null || r.isBlank()) {
            return null;
        }
        if (r.length() > MAX_REASON) {
            throw new InvalidInputException("reason", "must be at most " + MAX_REASON + " characters");
        }
        if (r.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("reason", "must not contain control characters");
        }
        return r.strip();
    }

    private static ResponseStatusException unknown(String username) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no user " + io.redset.engine.ClientText.printable(username));
    }
}
