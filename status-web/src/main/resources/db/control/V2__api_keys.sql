-- Service API keys of the claim API: the business's own app servers, which authenticated their
-- users already and act for the user they name. The secret is shown once at creation and stored
-- only as its SHA-256 (a key is 256 random bits, so a fast hash is safe and costs microseconds).

CREATE TABLE api_keys (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text        NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9._@-]{1,64}$'),
    secret_hash  bytea       NOT NULL UNIQUE CHECK (length(secret_hash) = 32),
    hint         text        NOT NULL CHECK (length(hint) BETWEEN 1 AND 16),
    scopes       text[]      NOT NULL CHECK (scopes <@ ARRAY['send', 'claim', 'read']::text[] AND cardinality(scopes) >= 1),
    set_indexes  smallint[]  CHECK (set_indexes IS NULL OR cardinality(set_indexes) >= 1),
    created_by   text        NOT NULL CHECK (length(created_by) BETWEEN 1 AND 200),
    created_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz,
    revoked_by   text        CHECK (revoked_by IS NULL OR length(revoked_by) BETWEEN 1 AND 200)
);

COMMENT ON TABLE api_keys IS 'Bearer keys of the claim API; secret_hash = sha256(secret); set_indexes NULL = every SET';
COMMENT ON COLUMN api_keys.hint IS 'First characters of the secret, to tell keys apart in lists';
