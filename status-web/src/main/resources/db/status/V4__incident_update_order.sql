-- Updates written in the same millisecond (scripts, automatic maintenance steps) keep the order in
-- which they were written; before, the tie fell to the random id.
ALTER TABLE incident_update ADD COLUMN seq bigserial;
