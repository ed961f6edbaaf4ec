-- Alerts module schema in the control database (own Flyway history: alerts.flyway_schema_history).

-- Rules saved by the console; a saved rule replaces the default rule of the same name.
create table rules (
    name        text primary key check (name ~ '^[A-Za-z_][A-Za-z0-9_]{0,99}$'),
    definition  jsonb       not null,
    enabled     boolean     not null,
    updated_by  text        not null,
    updated_at  timestamptz not null
);

-- Every alert (open ones are pending or firing); a fingerprint has at most one open alert.
create table alerts (
    id               bigint primary key,
    fingerprint      text        not null,
    rule             text        not null,
    source           text        not null check (source in ('rule', 'alertmanager')),
    labels           jsonb       not null,
    annotations      jsonb       not null,
    state            text        not null check (state in ('inactive', 'pending', 'firing', 'resolved')),
    value            double precision not null default 0,
    active_since     timestamptz not null,
    fired_at         timestamptz,
    last_active_at   timestamptz,
    resolved_at      timestamptz,
    ends_at          timestamptz,
    ack_by           text,
    ack_at           timestamptz,
    ack_comment      text,
    ack_expires_at   timestamptz,
    notifications    integer     not null default 0 check (notifications >= 0),
    last_notified_at timestamptz,
    firing_notified  boolean     not null default false,
    ack_notified     boolean     not null default false,
    resolve_pending  boolean     not null default false,
    for_ms           bigint      not null default 0,
    keep_firing_ms   bigint      not null default 0,
    -- receiver name -> when it was last sent this alert firing (repeat intervals are per receiver)
    last_notified    jsonb       not null default '{}'
);
create unique index alerts_open_fingerprint on alerts (fingerprint) where state in ('pending', 'firing');
create index alerts_recent on alerts (active_since desc);

-- History of every alert: state changes, acknowledgements, mute changes, notifications queued.
create table alert_events (
    id        bigserial primary key,
    alert_id  bigint      not null,
    at        timestamptz not null,
    event     text        not null,
    actor     text,
    detail    text
);
create index alert_events_alert on alert_events (alert_id, id);

create table silences (
    id          bigserial primary key,
    matchers    jsonb       not null,
    creator     text        not null,
    comment     text        not null,
    starts_at   timestamptz not null,
    ends_at     timestamptz not null check (ends_at > starts_at),
    created_at  timestamptz not null
);

-- The durable outbox: a notification is stored here before any attempt to send it.
create table outbox (
    id              bigserial primary key,
    dedup_key       text        not null unique,
    receiver        text        not null,
    event           text        not null check (event in ('firing', 'resolved', 'acknowledged')),
    payload         jsonb       not null,
    status          text        not null default 'pending' check (status in ('pending', 'delivered', 'failed', 'expired')),
    attempts        integer     not null default 0,
    created_at      timestamptz not null,
    next_attempt_at timestamptz not null,
    expires_at      timestamptz not null,
    delivered_at    timestamptz,
    last_error      text
);
create index outbox_due on outbox (next_attempt_at) where status = 'pending';
