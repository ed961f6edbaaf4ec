-- One SET database. Money is in fen (bigint). The three money tables are partitioned by the day of
-- the month carried in the envelope id (LIST 1..31), each day sub-partitioned by HASH(envelope_id),
-- so a query by id prunes to one leaf and a whole day can be archived by detaching one partition.

CREATE SEQUENCE envelope_seq MINVALUE 1 MAXVALUE 9999999999 NO CYCLE;

CREATE TABLE envelope (
    day_of_month    smallint    NOT NULL CHECK (day_of_month BETWEEN 1 AND 31),
    envelope_id     bigint      NOT NULL,
    sender_id       varchar(64) NOT NULL,
    mode            varchar(5)  NOT NULL CHECK (mode IN ('LUCKY', 'EQUAL')),
    total_fen       bigint      NOT NULL CHECK (total_fen > 0),
    count           integer     NOT NULL CHECK (count > 0),
    remaining_fen   bigint      NOT NULL,
    remaining_count integer     NOT NULL,
    refunded_fen    bigint      NOT NULL DEFAULT 0,
    status          varchar(8)  NOT NULL CHECK (status IN ('ACTIVE', 'SOLD_OUT', 'EXPIRED')),
    greeting        varchar(100),
    probe           boolean     NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    refunded_at     timestamptz,
    PRIMARY KEY (day_of_month, envelope_id),
    CONSTRAINT envelope_total_covers_count CHECK (total_fen >= count),
    CONSTRAINT envelope_remaining_count_range CHECK (remaining_count BETWEEN 0 AND count),
    CONSTRAINT envelope_remaining_fen_range CHECK (remaining_fen BETWEEN 0 AND total_fen),
    -- every share still to be drawn gets at least 1 fen, and nothing is left once all are drawn
    CONSTRAINT envelope_one_fen_per_share CHECK (remaining_fen >= remaining_count),
    CONSTRAINT envelope_empty_when_drawn CHECK ((remaining_count = 0) = (remaining_fen = 0)),
    CONSTRAINT envelope_equal_divides CHECK (mode <> 'EQUAL' OR total_fen % count = 0),
    CONSTRAINT envelope_equal_shares CHECK (mode <> 'EQUAL' OR remaining_fen * count = remaining_count * total_fen),
    CONSTRAINT envelope_sold_out_is_empty CHECK (status <> 'SOLD_OUT' OR remaining_count = 0),
    CONSTRAINT envelope_active_not_empty CHECK (status <> 'ACTIVE' OR remaining_count > 0),
    -- the refund is exactly what was left, and only an expired envelope has one
    CONSTRAINT envelope_refund_is_remainder CHECK (
        (status = 'EXPIRED' AND refunded_fen = remaining_fen AND refunded_at IS NOT NULL)
        OR (status <> 'EXPIRED' AND refunded_fen = 0 AND refunded_at IS NULL)),
    CONSTRAINT envelope_expires_after_creation CHECK (expires_at > created_at)
) PARTITION BY LIST (day_of_month);

CREATE INDEX envelope_active_expiry ON envelope (expires_at) WHERE status = 'ACTIVE';

CREATE TABLE claim (
    day_of_month smallint    NOT NULL CHECK (day_of_month BETWEEN 1 AND 31),
    envelope_id  bigint      NOT NULL,
    seq          integer     NOT NULL CHECK (seq >= 1),
    user_id      varchar(64) NOT NULL,
    amount_fen   bigint      NOT NULL CHECK (amount_fen >= 1),
    -- the lane's arrival ticket: claims of one envelope get seq in the order of their tickets
    arrival      bigint      NOT NULL,
    claimed_at   timestamptz NOT NULL,
    PRIMARY KEY (day_of_month, envelope_id, seq),
    CONSTRAINT claim_one_per_user UNIQUE (day_of_month, envelope_id, user_id)
) PARTITION BY LIST (day_of_month);

-- Every money movement, written in the same transaction as the change it records:
-- SEND (entry 0, the sender's debit into escrow), CLAIM (entry = claim seq), REFUND (entry 0).
-- Per envelope: SEND - sum(CLAIM) - REFUND = remaining_fen - refunded_fen.
CREATE TABLE ledger_entry (
    day_of_month smallint    NOT NULL CHECK (day_of_month BETWEEN 1 AND 31),
    envelope_id  bigint      NOT NULL,
    kind         varchar(6)  NOT NULL CHECK (kind IN ('SEND', 'CLAIM', 'REFUND')),
    entry_no     integer     NOT NULL CHECK (entry_no >= 0),
    account_id   varchar(64) NOT NULL,
    amount_fen   bigint      NOT NULL CHECK (amount_fen > 0),
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (day_of_month, envelope_id, kind, entry_no),
    CONSTRAINT ledger_entry_numbering CHECK ((kind = 'CLAIM') = (entry_no > 0))
) PARTITION BY LIST (day_of_month);

-- Idempotent send: a repeated (sender, requestId) finds its first envelope.
CREATE TABLE send_request (
    sender_id   varchar(64) NOT NULL,
    request_id  varchar(64) NOT NULL,
    envelope_id bigint      NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (sender_id, request_id)
);
CREATE INDEX send_request_created ON send_request (created_at);

CREATE SCHEMA archive;

-- Creates the day partition d of one money table with its hash sub-partitions.
CREATE FUNCTION create_day_partition(tbl text, d int, hash_parts int) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES IN (%s) PARTITION BY HASH (envelope_id)',
                   tbl || '_d' || lpad(d::text, 2, '0'), tbl, d);
    FOR h IN 0 .. hash_parts - 1 LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES WITH (MODULUS %s, REMAINDER %s)',
                       tbl || '_d' || lpad(d::text, 2, '0') || '_h' || h,
                       tbl || '_d' || lpad(d::text, 2, '0'), hash_parts, h);
    END LOOP;
END $$;

-- Moves one table and its indexes into the archive schema, replacing prefix live by cold in the names.
CREATE FUNCTION archive_relation(rel text, live text, cold text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    idx record;
BEGIN
    FOR idx IN SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
               WHERE i.indrelid = format('public.%I', rel)::regclass LOOP
        EXECUTE format('ALTER INDEX public.%I RENAME TO %I', idx.relname, replace(idx.relname, live, cold));
    END LOOP;
    EXECUTE format('ALTER TABLE public.%I RENAME TO %I', rel, replace(rel, live, cold));
    EXECUTE format('ALTER TABLE public.%I SET SCHEMA archive', replace(rel, live, cold));
END $$;

-- Recycles day partition d of the three money tables: detaches it, moves it with its leaves into
-- the archive schema as <table>_<yyyymmdd>, and attaches a fresh empty one. Metadata only.
CREATE FUNCTION recycle_day_partition(d int, data_day date, hash_parts int) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    tbl  text;
    live text;
    cold text;
    leaf record;
BEGIN
    FOREACH tbl IN ARRAY ARRAY['envelope', 'claim', 'ledger_entry'] LOOP
        live := tbl || '_d' || lpad(d::text, 2, '0');
        cold := tbl || '_' || to_char(data_day, 'YYYYMMDD');
        IF to_regclass('archive.' || cold) IS NOT NULL THEN
            RAISE EXCEPTION 'archive table archive.% exists already', cold;
        END IF;
        EXECUTE format('ALTER TABLE public.%I DETACH PARTITION public.%I', tbl, live);
        FOR leaf IN SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                    WHERE i.inhparent = format('public.%I', live)::regclass LOOP
            PERFORM archive_relation(leaf.relname, live, cold);
        END LOOP;
        PERFORM archive_relation(live, live, cold);
        PERFORM create_day_partition(tbl, d, hash_parts);
    END LOOP;
END $$;

DO $$
BEGIN
    FOR d IN 1 .. 31 LOOP
        PERFORM create_day_partition('envelope', d, 4);
        PERFORM create_day_partition('claim', d, 4);
        PERFORM create_day_partition('ledger_entry', d, 4);
    END LOOP;
END $$;
