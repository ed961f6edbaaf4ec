-- The probes schema of the control database (its own Flyway history: probes.flyway_schema_history).
-- Raw results are partitioned by day (RANGE on the result time, one partition per day of the
-- configured zone, named probe_result_yyyymmdd); the module creates them ahead and drops the ones
-- past the raw retention: dropping a day is one metadata operation, never a mass delete.

CREATE TABLE probe_result (
    at         timestamptz      NOT NULL,
    component  varchar(64)      NOT NULL,
    probe      varchar(16)      NOT NULL,
    outcome    varchar(8)       NOT NULL CHECK (outcome IN ('ok', 'degraded', 'failed', 'critical', 'skipped')),
    latency_ms double precision CHECK (latency_ms >= 0),
    message    varchar(500)     NOT NULL DEFAULT ''
) PARTITION BY RANGE (at);

CREATE INDEX probe_result_component_at ON probe_result (component, at);

-- Every change of a component's status, with its cause. The first row of a component has no
-- from_status. Kept as long as the rollups (the latest row before the cutoff is kept too: it is the
-- status at the start of the oldest day).
CREATE TABLE status_change (
    id          bigserial   PRIMARY KEY,
    component   varchar(64) NOT NULL,
    from_status varchar(20) CHECK (from_status IN ('operational', 'under_maintenance', 'degraded_performance',
                                                   'partial_outage', 'major_outage')),
    to_status   varchar(20) NOT NULL CHECK (to_status IN ('operational', 'under_maintenance', 'degraded_performance',
                                                          'partial_outage', 'major_outage')),
    at          timestamptz NOT NULL,
    cause       varchar(500) NOT NULL
);

CREATE INDEX status_change_at ON status_change (at);
CREATE INDEX status_change_component_at ON status_change (component, at);

-- Admin overrides in force (one per component at most); an expired one is deleted.
CREATE TABLE component_override (
    component  varchar(64)  PRIMARY KEY,
    status     varchar(20)  NOT NULL CHECK (status IN ('operational', 'under_maintenance', 'degraded_performance',
                                                       'partial_outage', 'major_outage')),
    reason     varchar(200) NOT NULL,
    actor      varchar(64)  NOT NULL,
    set_at     timestamptz  NOT NULL,
    expires_at timestamptz  NOT NULL,
    CONSTRAINT component_override_expires_after_set CHECK (expires_at > set_at)
);

-- One probe's day: runs by outcome and latency percentiles (from the raw results of that day).
CREATE TABLE daily_probe_rollup (
    day            date        NOT NULL,
    component      varchar(64) NOT NULL,
    probe          varchar(16) NOT NULL,
    runs           integer     NOT NULL CHECK (runs >= 0),
    ok             integer     NOT NULL CHECK (ok >= 0),
    degraded       integer     NOT NULL CHECK (degraded >= 0),
    failed         integer     NOT NULL CHECK (failed >= 0),
    critical       integer     NOT NULL CHECK (critical >= 0),
    skipped        integer     NOT NULL CHECK (skipped >= 0),
    latency_p50_ms double precision,
    latency_p95_ms double precision,
    updated_at     timestamptz NOT NULL,
    PRIMARY KEY (day, component, probe),
    CONSTRAINT daily_probe_rollup_counts CHECK (ok + degraded + failed + critical + skipped = runs)
);

-- One component's day: time in each status (from the status changes) and the uptime derived from it.
CREATE TABLE daily_component_rollup (
    day                  date        NOT NULL,
    component            varchar(64) NOT NULL,
    observed_seconds     integer     NOT NULL CHECK (observed_seconds BETWEEN 0 AND 90000),
    operational_seconds  integer     NOT NULL CHECK (operational_seconds >= 0),
    maintenance_seconds  integer     NOT NULL CHECK (maintenance_seconds >= 0),
    degraded_seconds     integer     NOT NULL CHECK (degraded_seconds >= 0),
    partial_seconds      integer     NOT NULL CHECK (partial_seconds >= 0),
    major_seconds        integer     NOT NULL CHECK (major_seconds >= 0),
    worst_status         varchar(20) CHECK (worst_status IN ('operational', 'under_maintenance', 'degraded_performance',
                                                             'partial_outage', 'major_outage')),
    uptime_percent       numeric(6, 3) CHECK (uptime_percent BETWEEN 0 AND 100),
    updated_at           timestamptz NOT NULL,
    PRIMARY KEY (day, component),
    CONSTRAINT daily_component_rollup_seconds CHECK (operational_seconds + maintenance_seconds + degraded_seconds
                                                     + partial_seconds + major_seconds = observed_seconds)
);
