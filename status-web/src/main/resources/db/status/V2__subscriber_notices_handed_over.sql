-- When the notices of an update were handed to the alerts outbox for every matching subscriber.
-- Null while they still have to be: a sweep hands them over after a crash or an outbox failure
-- (the outbox drops repeats by dedup key, so handing over twice sends once).
ALTER TABLE incident_update ADD COLUMN notified_at timestamptz;
UPDATE incident_update SET notified_at = created_at;
CREATE INDEX incident_update_unnotified ON incident_update (created_at)
    WHERE notified_at IS NULL AND deliver_notifications;
