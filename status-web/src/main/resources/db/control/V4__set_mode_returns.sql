-- A SET switched out of NORMAL "for a while": when it goes back by itself. One row per SET at most;
-- a later manual switch of that SET removes it. Shared by all nodes: whichever node's sweeper deletes
-- a due row performs the return.

CREATE TABLE set_mode_return (
    set_index  smallint    PRIMARY KEY CHECK (set_index BETWEEN 0 AND 99),
    return_at  timestamptz NOT NULL,
    mode       text        NOT NULL CHECK (mode IN ('DEGRADED', 'SEND_PAUSED', 'READ_ONLY', 'OFFLINE')),
    set_by     text        NOT NULL CHECK (length(set_by) BETWEEN 1 AND 200),
    set_at     timestamptz NOT NULL
);
