-- Every change made through the console or the admin and on-call APIs: who, when, what, the value
-- before and after, why, and from which client address. Append-only; read by admins
-- (GET /api/v1/admin/audit and the console's audit view) and by incident timelines.

CREATE TABLE audit_log (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at           timestamptz NOT NULL,
    actor        text        NOT NULL CHECK (length(actor) BETWEEN 1 AND 200),
    action       text        NOT NULL CHECK (action ~ '^[a-z][a-z0-9_.-]{0,63}$'),
    target       text        NOT NULL CHECK (length(target) BETWEEN 1 AND 200),
    before_value text        CHECK (length(before_value) <= 4000),
    after_value  text        CHECK (length(after_value) <= 4000),
    reason       text        CHECK (length(reason) <= 1000),
    client       text        CHECK (length(client) <= 100)
);

CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_actor_at ON audit_log (actor, at DESC);
CREATE INDEX audit_log_action_at ON audit_log (action, at DESC);

COMMENT ON TABLE audit_log IS 'Append-only trail of every change: actor, action, target, before/after, reason, client address';

ALTER TABLE users
    ADD COLUMN updated_at          timestamptz,
    ADD COLUMN password_changed_at timestamptz;
