package io.redset.web.users;

import io.redset.engine.InvalidInputException;
import io.redset.web.audit.AuditLog;
import io.redset.web.security.ConsoleRole;
import io.redset.web.security.ConsoleUsers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What admins do with console users, and what each user does with their own password: create,
 * change role, disable and enable, reset a password (given or generated, shown once), change
 * one's own password with the current one. Every change is audited (never a password or its hash).
 *
 * <p>The console keeps at least one enabled ADMIN: a change that would leave none is refused. With
 * several nodes two admins could each demote the other at once; the check and the change run in
 * one transaction that first locks every enabled admin's row, so the second one waits and then
 * sees the first.
 *
 * <p>Concurrency: thread-safe; the control database is the only state.
 */
@Component
public final class UserAdmin {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PasswordEncoder encoder;
    private final ConsoleUsers users;
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    public UserAdmin(JdbcClient jdbc, DataSource controlDatabase, PasswordEncoder encoder, ConsoleUsers users, AuditLog audit) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(controlDatabase));
        this.encoder = encoder;
        this.users = users;
        this.audit = audit;
    }

    /** A user as admins see it: never the password hash. */
    public record UserView(String username, ConsoleRole role, boolean enabled, Instant createdAt, Instant updatedAt,
                           Instant passwordChangedAt) {
    }

    /** @param password the generated password, shown this once; null when the admin chose it */
    public record Created(UserView user, String password) {
    }

    public List<UserView> list() {
        return jdbc.sql("SELECT username, role, enabled, created_at, updated_at, password_changed_at FROM admin.users "
                + "ORDER BY username").query((rs, n) -> view(rs)).list();
    }

    public Optional<UserView> find(String username) {
        return jdbc.sql("SELECT username, role, enabled, created_at, updated_at, password_changed_at FROM admin.users "
                + "WHERE username = ?").param(username).query((rs, n) -> view(rs)).optional();
    }

    /**
     * @param password null: one is generated and returned
     * @throws InvalidInputException bad name or password, or the name is taken ({@code username})
     */
    public Created create(String username, ConsoleRole role, String password, String reason) {
        if (role == null) {
            throw new InvalidInputException("role", "is required: VIEWER, ONCALL or ADMIN");
        }
        String chosen = password == null ? generated() : checkedPassword("password", password);
        boolean created;
        try {
            created = users.create(username, chosen, role);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("username", "must be 1-64 letters, digits or . _ @ -");
        }
        if (!created) {
            throw new InvalidInputException("username", "is taken");
        }
        UserView v = find(username).orElseThrow();
        audit.record("user.create", username, null, v.role() + ", enabled", reason);
        return new Created(v, password == null ? chosen : null);
    }

    /**
     * Changes role and/or enabled; null leaves a field as it is.
     *
     * @return empty for an unknown user
     * @throws InvalidInputException {@code role} or {@code enabled} when no enabled ADMIN would be left
     */
    public Optional<UserView> change(String username, ConsoleRole role, Boolean enabled, String reason) {
        return tx.execute(status -> {
            // lock every enabled admin first: concurrent demotions on any node queue up here
            long admins = jdbc.sql("SELECT username FROM admin.users WHERE role = 'ADMIN' AND enabled FOR UPDATE")
                    .query(String.class).list().size();
            Optional<UserView> before = jdbc.sql("SELECT username, role, enabled, created_at, updated_at, password_changed_at "
                    + "FROM admin.users WHERE username = ? FOR UPDATE").param(username).query((rs, n) -> view(rs)).optional();
            if (before.isEmpty()) {
                return Optional.<UserView>empty();
            }
            UserView b = before.get();
            ConsoleRole newRole = role == null ? b.role() : role;
            boolean newEnabled = enabled == null ? b.enabled() : enabled;
            boolean wasAdmin = b.role() == ConsoleRole.ADMIN && b.enabled();
            boolean staysAdmin = newRole == ConsoleRole.ADMIN && newEnabled;
            if (wasAdmin && !staysAdmin && admins <= 1) {
                throw new InvalidInputException(role != null && role != ConsoleRole.ADMIN ? "role" : "enabled",
                        "would leave no enabled ADMIN: make another user ADMIN first");
            }
            if (newRole == b.role() && newEnabled == b.enabled()) {
                return before;
            }
            jdbc.sql("UPDATE admin.users SET role = ?, enabled = ?, updated_at = ? WHERE username = ?")
                    .params(newRole.name(), newEnabled, Timestamp.from(clock.instant()), username).update();
            if (newRole != b.role()) {
                audit.record("user.role", username, b.role(), newRole, reason);
            }
            if (newEnabled != b.enabled()) {
                audit.record(newEnabled ? "user.enable" : "user.disable", username, b.enabled() ? "enabled" : "disabled",
                        newEnabled ? "enabled" : "disabled", reason);
            }
            return find(username);
        });
    }

    /**
     * Sets a new password for a user (an admin's reset).
     *
     * @param password null: one is generated and returned
     * @return empty for an unknown user; else the generated password, or null when one was given
     */
    public Optional<String> resetPassword(String username, String password, String reason) {
        String chosen = password == null ? generated() : checkedPassword("password", password);
        if (!setPassword(username, chosen)) {
            return Optional.empty();
        }
        audit.record("user.password-reset", username, null, null, reason);
        return Optional.ofNullable(password == null ? chosen : null);
    }

    /**
     * A user changes their own password, proving the current one.
     *
     * @throws InvalidInputException {@code currentPassword} wrong, or {@code newPassword} too weak
     */
    public void changeOwnPassword(String username, String currentPassword, String newPassword) {
        String hash = jdbc.sql("SELECT password_hash FROM admin.users WHERE username = ? AND enabled").param(username)
                .query(String.class).optional().orElse(null);
        if (hash == null || currentPassword == null || !encoder.matches(currentPassword, hash)) {
            throw new InvalidInputException("currentPassword", "is not your current password");
        }
        checkedPassword("newPassword", newPassword);
        if (newPassword.equals(currentPassword)) {
            throw new InvalidInputException("newPassword", "must differ from the current password");
        }
        setPassword(username, newPassword);
        audit.record("user.password-change", username, null, null, null);
    }

    private boolean setPassword(String username, String password) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("UPDATE admin.users SET password_hash = ?, password_changed_at = ?, updated_at = ? WHERE username = ?")
                .params(encoder.encode(password), now, now, username).update() == 1;
    }

    static String checkedPassword(String field, String password) {
        if (password == null || password.length() < ConsoleUsers.MIN_PASSWORD_LENGTH) {
            throw new InvalidInputException(field, "must be at least " + ConsoleUsers.MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.length() > 200) {
            throw new InvalidInputException(field, "must be at most 200 characters");
        }
        if (password.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(field, "must not contain control characters");
        }
        return password;
    }

    /** 18 random bytes: 24 URL-safe characters. */
    private static String generated() {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static UserView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp updated = rs.getTimestamp(5);
        Timestamp changed = rs.getTimestamp(6);
        return new UserView(rs.getString(1), ConsoleRole.valueOf(rs.getString(2)), rs.getBoolean(3),
                rs.getTimestamp(4).toInstant(), updated == null ? null : updated.toInstant(),
                changed == null ? null : changed.toInstant());
    }
}
