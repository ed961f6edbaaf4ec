-- A webhook subscriber's secret: every post to it carries X-RedSet-Signature (HMAC-SHA256 with it).
-- Given to the subscriber once, in the confirmation message; null for e-mail subscribers.
ALTER TABLE subscriber ADD COLUMN signing_secret text;
