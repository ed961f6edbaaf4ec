package io.redset.engine.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A real PostgreSQL server for tests (zonky embedded binaries), durable like production:
 * {@code fsync} and {@code synchronous_commit} on. {@link #shared()} is one server per test JVM;
 * tests that stop a server start their own with {@link #start(Path, int)}.
 */
public final class TestPostgres implements AutoCloseable {

    private static TestPostgres shared;
    private static final AtomicInteger databases = new AtomicInteger();

    private final EmbeddedPostgres postgres;

    private TestPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static synchronized TestPostgres shared() {
        if (shared == null) {
            shared = start(null, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** Starts a server; with a data directory it keeps its data across stop and start. */
    public static TestPostgres start(Path dataDirectory, int port) {
        try {
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("shared_buffers", "128MB");
            if (dataDirectory != null) {
                b.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            if (port > 0) {
                b.setPort(port);
            }
            return new TestPostgres(b.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** Creates a new empty database with a unique name and returns that name. */
    public String createDatabase(String prefix) {
        String name = prefix + "_" + databases.incrementAndGet() + "_" + ProcessHandle.current().pid();
        createDatabaseNamed(name);
        return name;
    }

    public void createDatabaseNamed(String name) {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public String jdbcUrl(String database) {
        return postgres.getJdbcUrl("postgres", database);
    }

    /** A small pool on one database; short connection timeout so a dead server fails fast. */
    public HikariDataSource pool(String database, int size) {
        return pool(database, size, 1000);
    }

    public HikariDataSource pool(String database, int size, long connectionTimeoutMillis) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(jdbcUrl(database));
        cfg.setUsername("postgres");
        cfg.setMaximumPoolSize(size);
        cfg.setConnectionTimeout(connectionTimeoutMillis);
        cfg.setValidationTimeout(500);
        cfg.setInitializationFailTimeout(-1);
        cfg.setPoolName(database);
        return new HikariDataSource(cfg);
    }

    public DataSource admin() {
        return postgres.getPostgresDatabase();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
