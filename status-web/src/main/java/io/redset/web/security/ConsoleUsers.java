package io.redset.web.security;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.util.regex.Pattern;

/**
 * Console and admin API users, stored in the control database ({@code admin.users}) with
 * password hashes in Spring Security's delegating format ({@code {bcrypt}...}).
 */
@Component
public class ConsoleUsers implements UserDetailsService {

    public static final int MIN_PASSWORD_LENGTH = 8;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private final JdbcClient jdbc;
    private final PasswordEncoder passwordEncoder;

    public ConsoleUsers(JdbcClient jdbc, PasswordEncoder passwordEncoder) {
        this.jdbc = jdbc;
        this.passwordEncoder = passwordEncoder;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql("SELECT username, password_hash, role, enabled FROM admin.users WHERE username = :username")
                .param("username", username)
                .query((rs, n) -> User.withUsername(rs.getString("username"))
                        .password(rs.getString("password_hash"))
                        .authorities(ConsoleRole.valueOf(rs.getString("role")).authorities())
                        .disabled(!rs.getBoolean("enabled"))
                        .build())
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    public boolean anyUserExists() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM admin.users)").query(Boolean.class).single();
    }

    /**
     * Creates a user unless one of that name exists.
     *
     * @return true when this call created it
     */
    public boolean create(String username, String rawPassword, ConsoleRole role) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("username must be 1-64 letters, digits or . _ @ -");
        }
        if (rawPassword == null || rawPassword.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("password must be at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        int rows = jdbc.sql("""
                        INSERT INTO admin.users (username, password_hash, role)
                        VALUES (:username, :hash, :role)
                        ON CONFLICT (username) DO NOTHING""")
                .param("username", username)
                .param("hash", passwordEncoder.encode(rawPassword))
                .param("role", role.name())
                .update();
        return rows == 1;
    }
}
