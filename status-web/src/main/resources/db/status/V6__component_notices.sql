-- How far the probes' component status changes have been handed to webhook subscribers
-- (component_update notices). One row; advanced only after the notices of the changes up to it
-- are stored in the outbox, so a crash re-sends (dropped by dedup key), never skips.
CREATE TABLE component_notice_cursor (
    id           integer PRIMARY KEY CHECK (id = 1),
    handed_until timestamptz NOT NULL
);
