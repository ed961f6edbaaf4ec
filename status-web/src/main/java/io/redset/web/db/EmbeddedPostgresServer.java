package io.redset.web.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The embedded PostgreSQL of the default, single-process setup: real server binaries from
 * Maven Central (zonky), one server holding the control database and every SET database, its data
 * kept in a directory between runs.
 *
 * <p>Durability is that of a normal server: zonky turns {@code synchronous_commit} off by
 * default, this class turns it (and {@code fsync}) back on, because the databases hold money.
 *
 * <p>The PostgreSQL server runs as a separate process. If a previous run of the application was
 * killed without stopping it, the orphaned server still holds the data directory; it is stopped
 * before the new one starts, but only when no live process holds zonky's lock on the directory.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String SUPERUSER = "postgres";
    private static final String LOCK_FILE = "epg-lock";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /**
     * Starts the server on the data directory (initialising it on first use) and creates the
     * given databases if they are missing.
     *
     * @param port 0 picks a free port
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port, List<String> databases) {
        Path dir = dataDir.toAbsolutePath().normalize();
        for (String db : databases) {
            if (!DATABASE_NAME.matcher(db).matches()) {
                throw new IllegalArgumentException("not a plain database name: " + db);
            }
        }
        try {
            Files.createDirectories(dir);
            stopOrphanedServer(dir);
            long started = System.nanoTime();
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Stopped by close() after the pools, not by a JVM hook racing the application's shutdown.
                    .setRegisterShutdownHook(false)
                    .start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(pg, dir);
            try {
                server.createMissingDatabases(databases);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            log.info("Embedded PostgreSQL on port {} with data in {} ready in {} ms", pg.getPort(), dir,
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dir + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The JDBC URL of one database on this server; the embedded server trusts local connections. */
    public String jdbcUrl(String database) {
        return postgres.getJdbcUrl(SUPERUSER, database);
    }

    @Override
    public void close() {
        try {
            postgres.close();
            log.info("Embedded PostgreSQL stopped; data kept in {}", dataDir);
        } catch (IOException e) {
            log.warn("Could not stop the embedded PostgreSQL cleanly: {}", e.getMessage());
        }
    }

    private void createMissingDatabases(List<String> databases) {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
             Statement create = c.createStatement()) {
            for (String db : databases) {
                exists.setString(1, db);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        continue;
                    }
                }
                // A name cannot be a bind parameter here; it was checked against DATABASE_NAME.
                create.execute("CREATE DATABASE " + db + " ENCODING 'UTF8'");
                log.info("Created database {}", db);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the RedSet databases: " + e.getMessage(), e);
        }
    }

    /**
     * Stops a PostgreSQL left running on dir by a run that died without stopping it. A live owner
     * holds the lock file (zonky locks it while the server runs); then nothing is touched.
     */
    private static void stopOrphanedServer(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IllegalStateException("the data directory " + dir + " is in use by another running RedSet;"
                        + " stop it or set redset.embedded.data-dir to another directory");
            }
            try {
                Optional<ProcessHandle> orphan = postmaster(pidFile);
                if (orphan.isEmpty()) {
                    return; // a stale pid file: PostgreSQL itself recovers from it
                }
                ProcessHandle process = orphan.get();
                log.warn("Stopping an orphaned embedded PostgreSQL (pid {}) left running on {}", process.pid(), dir);
                process.destroy(); // SIGTERM: PostgreSQL's "smart" shutdown; its clients are already gone
                try {
                    process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("an orphaned PostgreSQL (pid " + process.pid() + ") still runs on "
                            + dir + "; stop it and start again", e);
                }
            } finally {
                lock.release();
            }
        }
    }

    private static Optional<ProcessHandle> postmaster(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(cmd -> cmd.contains("postgres")).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
