package io.redset.web.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.redset.engine.InvalidInputException;
import io.redset.engine.SetId;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Service API keys of the claim API ({@code admin.api_keys} in the control database).
 *
 * <p>A generated key is {@code rsk_} + 256 random bits in URL-safe Base64; the database keeps only
 * its SHA-256, so checking a key costs one hash and a map lookup (microseconds), never bcrypt: a
 * slow hash protects low-entropy passwords, and these secrets are not guessable. Lookups, found or
 * not, are remembered for {@code redset.security.api-key-cache-ttl} (10 s by default): a flood of
 * made-up keys costs one query per distinct key and address throttle window, and a revocation
 * reaches every node within that time (at once on the node that revoked).
 *
 * <p>Thread-safe: the cache is Caffeine's; everything else is the database's.
 *
 * <p>Why this design, and what else was weighed: {@code docs/decisions/0006-api-keys-sha256.md}.
 */
final class ApiKeys {

    public static final String PREFIX = "rsk_";
    public static final int MIN_SECRET_LENGTH = 32;
    public static final int MAX_SECRET_LENGTH = 256;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** {@code rsk_} + 256 random bits, URL-safe Base64 (47 characters). */
    public static String generateSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A key as listed (never with its secret). */
    public record ApiKey(long id, String name, String hint, Set<ApiScope> scopes, Set<SetId> sets, String createdBy,
                         Instant createdAt, Instant revokedAt, String revokedBy) {
        public boolean active() {
            return revokedAt == null;
        }

        ApiCaller caller() {
            return new ApiCaller(ApiCaller.Kind.SERVICE, name, scopes, sets, id);
        }
    }

    /** A key just created, with the secret that is shown this once. */
    public record Created(ApiKey key, String secret) {
    }

    private record Lookup(ApiKey key) {
    }

    private final JdbcClient jdbc;
    private final Cache<String, Lookup> cache;

    public ApiKeys(JdbcClient jdbc, Duration cacheTtl) {
        this.jdbc = jdbc;
        this.cache = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(cacheTtl).build();
    }

    /** The active key with this secret, if any. */
    public Optional<ApiKey> authenticate(String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > MAX_SECRET_LENGTH) {
            return Optional.empty();
        }
        String hash = HexFormat.of().formatHex(sha256(secret));
        Lookup lookup = cache.get(hash, h -> new Lookup(findActive(h).orElse(null)));
        return Optional.ofNullable(lookup.key());
    }

    private Optional<ApiKey> findActive(String hexHash) {
        return jdbc.sql("SELECT * FROM admin.api_keys WHERE secret_hash = decode(:hash, 'hex') AND revoked_at IS NULL")
                .param("hash", hexHash)
                .query((rs, n) -> read(rs))
                .optional();
    }

    /** Creates a key with a generated secret. */
    public Created create(String name, Set<ApiScope> scopes, Set<SetId> sets, String actor) {
        return create(name, generateSecret(), scopes, sets, actor)
                .orElseThrow(() -> new InvalidInputException("name", "an API key named \"" + name + "\" exists already"));
    }

    /**
     * Creates a key with the given secret (REDSET_API_KEY), unless one of that name exists.
     *
     * @return empty when a key of that name (or that secret) exists already
     */
    public Optional<Created> create(String name, String secret, Set<ApiScope> scopes, Set<SetId> sets, String actor) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("name", "must be 1-64 letters, digits or . _ @ -");
        }
        if (secret == null || secret.length() < MIN_SECRET_LENGTH || secret.length() > MAX_SECRET_LENGTH) {
            throw new InvalidInputException("secret", "must be " + MIN_SECRET_LENGTH + ".." + MAX_SECRET_LENGTH + " characters");
        }
        for (int i = 0; i < secret.length(); i++) {
            char c = secret.charAt(i);
            if (c <= ' ' || c > '~') {
                throw new InvalidInputException("secret", "must be printable ASCII without spaces");
            }
        }
        if (scopes == null || scopes.isEmpty()) {
            throw new InvalidInputException("scopes", "must name at least one of send, claim, read");
        }
        if (sets != null && sets.isEmpty()) {
            throw new InvalidInputException("sets", "must name at least one SET, or be left out for every SET");
        }
        List<String> scopeNames = EnumSet.copyOf(scopes).stream().map(ApiScope::wire).toList();
        Integer[] setIndexes = sets == null ? null : new TreeSet<>(sets).stream().map(SetId::index).toArray(Integer[]::new);
        String hint = secret.substring(0, Math.min(secret.startsWith(PREFIX) ? PREFIX.length() + 4 : 4, secret.length()));
        Optional<ApiKey> created = jdbc.sql("""
                        INSERT INTO admin.api_keys (name, secret_hash, hint, scopes, set_indexes, created_by)
                        VALUES (:name, decode(:hash, 'hex'), :hint, CAST(:scopes AS text[]), CAST(:sets AS smallint[]), :actor)
                        ON CONFLICT DO NOTHING
                        RETURNING *""")
                .param("name", name)
                .param("hash", HexFormat.of().formatHex(sha256(secret)))
                .param("hint", hint)
                .param("scopes", "{" + String.join(",", scopeNames) + "}")
                .param("sets", setIndexes == null ? null : "{" + String.join(",",
                        java.util.Arrays.stream(setIndexes).map(String::valueOf).toList()) + "}")
                .param("actor", actor)
                .query((rs, n) -> read(rs))
                .optional();
        return created.map(k -> new Created(k, secret));
    }

    /** Revokes a key; false if it does not exist or was revoked already. */
    public boolean revoke(long id, String actor) {
        int rows = jdbc.sql("UPDATE admin.api_keys SET revoked_at = now(), revoked_by = :actor WHERE id = :id AND revoked_at IS NULL")
                .param("id", id)
                .param("actor", actor)
                .update();
        cache.invalidateAll();
        return rows == 1;
    }

    public List<ApiKey> list() {
        return jdbc.sql("SELECT * FROM admin.api_keys ORDER BY id").query((rs, n) -> read(rs)).list();
    }

    public Optional<ApiKey> find(long id) {
        return jdbc.sql("SELECT * FROM admin.api_keys WHERE id = :id").param("id", id).query((rs, n) -> read(rs)).optional();
    }

    public boolean anyKeyExists() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM admin.api_keys)").query(Boolean.class).single();
    }

    private static ApiKey read(ResultSet rs) throws SQLException {
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        for (Object s : (Object[]) rs.getArray("scopes").getArray()) {
            scopes.add(ApiScope.ofWire((String) s));
        }
        Set<SetId> sets = null;
        Array setArray = rs.getArray("set_indexes");
        if (setArray != null) {
            sets = new TreeSet<>();
            for (Object o : (Object[]) setArray.getArray()) {
                sets.add(SetId.of(((Number) o).intValue()));
            }
        }
        java.sql.Timestamp revoked = rs.getTimestamp("revoked_at");
        return new ApiKey(rs.getLong("id"), rs.getString("name"), rs.getString("hint"), scopes, sets,
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                revoked == null ? null : revoked.toInstant(), rs.getString("revoked_by"));
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
