-- Reconciliation checks the envelopes of the last minutes; find them without scanning the month.
CREATE INDEX envelope_created ON envelope (created_at);
