-- The public status page's model (schema status, own Flyway history): page settings, manual
-- components and texts of probe components, incidents and scheduled maintenance with their
-- timeline, and subscriptions. Statuses use the Statuspage v2 names.

CREATE TABLE page (
    id          text PRIMARY KEY,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    url         text        NOT NULL,
    time_zone   text        NOT NULL,
    logo_text   text        NOT NULL DEFAULT '',
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Manual components (source 'manual') and the page's view of probe components (source 'probe':
-- position, showcase, only_show_if_degraded; name and group come from the probes module).
CREATE TABLE component (
    id                    text PRIMARY KEY,
    source                text        NOT NULL CHECK (source IN ('manual', 'probe')),
    name                  text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    description           text,
    group_name            text,
    status                text        NOT NULL DEFAULT 'operational' CHECK (status IN
                              ('operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance')),
    position              int         NOT NULL DEFAULT 0,
    showcase              boolean     NOT NULL DEFAULT true,
    only_show_if_degraded boolean     NOT NULL DEFAULT false,
    start_date            date,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL
);

-- Incidents and scheduled maintenances share one table, as in the Statuspage API.
CREATE TABLE incident (
    id               text PRIMARY KEY,
    kind             text        NOT NULL CHECK (kind IN ('incident', 'maintenance')),
    name             text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    status           text        NOT NULL CHECK (status IN ('investigating', 'identified', 'monitoring', 'resolved',
                         'postmortem', 'scheduled', 'in_progress', 'verifying', 'completed')),
    impact           text        NOT NULL CHECK (impact IN ('none', 'minor', 'major', 'critical', 'maintenance')),
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    started_at       timestamptz NOT NULL,
    monitoring_at    timestamptz,
    resolved_at      timestamptz,
    scheduled_for    timestamptz,
    scheduled_until  timestamptz,
    auto_transitions boolean     NOT NULL DEFAULT true,
    postmortem       text,
    CHECK ((kind = 'maintenance') = (scheduled_for IS NOT NULL AND scheduled_until IS NOT NULL)),
    CHECK (scheduled_until IS NULL OR scheduled_until > scheduled_for)
);
CREATE INDEX incident_recent ON incident (kind, created_at DESC);

CREATE TABLE incident_component (
    incident_id  text NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    component_id text NOT NULL,
    PRIMARY KEY (incident_id, component_id)
);

CREATE TABLE incident_update (
    id          text PRIMARY KEY,
    incident_id text        NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    status      text        NOT NULL,
    body        text        NOT NULL CHECK (length(body) <= 5000),
    created_at  timestamptz NOT NULL,
    display_at  timestamptz NOT NULL,
    deliver_notifications boolean NOT NULL DEFAULT true
);
CREATE INDEX incident_update_of ON incident_update (incident_id, display_at);

CREATE TABLE incident_update_component (
    update_id    text NOT NULL REFERENCES incident_update (id) ON DELETE CASCADE,
    component_id text NOT NULL,
    name         text NOT NULL,
    old_status   text NOT NULL,
    new_status   text NOT NULL,
    PRIMARY KEY (update_id, component_id)
);

-- Subscribers: a webhook URL or an e-mail address, confirmed by a token (double opt-in).
CREATE TABLE subscriber (
    id                 text PRIMARY KEY,
    channel            text        NOT NULL CHECK (channel IN ('webhook', 'email')),
    target             text        NOT NULL CHECK (length(target) BETWEEN 3 AND 2000),
    components         text[],
    confirm_token      text        NOT NULL UNIQUE,
    unsubscribe_token  text        NOT NULL UNIQUE,
    created_at         timestamptz NOT NULL,
    confirmed_at       timestamptz,
    UNIQUE (channel, target)
);
