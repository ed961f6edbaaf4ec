-- When the last confirmation or manage-link message went to the subscriber: asking again for the
-- same target re-sends it only some minutes later (a flood guard on top of the rate limits).
ALTER TABLE subscriber ADD COLUMN message_sent_at timestamptz;
UPDATE subscriber SET message_sent_at = created_at;
ALTER TABLE subscriber ALTER COLUMN message_sent_at SET NOT NULL;
-- the sweep forgets subscriptions that were never confirmed
CREATE INDEX subscriber_pending ON subscriber (message_sent_at) WHERE confirmed_at IS NULL;
