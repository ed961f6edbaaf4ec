-- Finished rows (delivered, failed, expired) are deleted after the outbox retention; this index
-- finds them by age without reading the pending ones.
create index outbox_finished on outbox (created_at) where status <> 'pending';
