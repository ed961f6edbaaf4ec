-- Schema "admin" of the control database: console users and the audit trail of SET mode changes.
-- Self-contained: other modules keep their own schemas (probes, alerts, status) and Flyway histories.

CREATE TABLE users (
    username      text        PRIMARY KEY CHECK (username ~ '^[A-Za-z0-9._@-]{1,64}$'),
    password_hash text        NOT NULL CHECK (length(password_hash) BETWEEN 1 AND 500),
    role          text        NOT NULL CHECK (role IN ('VIEWER', 'ONCALL', 'ADMIN')),
    enabled       boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE users IS 'Console and admin API users; roles VIEWER < ONCALL < ADMIN';
COMMENT ON COLUMN users.password_hash IS 'Spring Security delegating format, e.g. {bcrypt}$2a$...';

-- Append-only: every switch of a SET''s degradation mode, who did it and why.
-- The last row of each SET is its current mode after a restart.
CREATE TABLE set_mode_change (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    set_index  smallint    NOT NULL CHECK (set_index BETWEEN 0 AND 99),
    mode       text        NOT NULL CHECK (mode IN ('NORMAL', 'DEGRADED', 'SEND_PAUSED', 'READ_ONLY', 'OFFLINE')),
    reason     text        NOT NULL CHECK (length(reason) <= 1000),
    actor      text        NOT NULL CHECK (length(actor) BETWEEN 1 AND 200),
    changed_at timestamptz NOT NULL
);

CREATE INDEX set_mode_change_latest ON set_mode_change (set_index, changed_at DESC, id DESC);
