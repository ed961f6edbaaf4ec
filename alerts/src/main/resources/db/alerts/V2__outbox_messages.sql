-- One-off messages share the outbox with alert notifications: a status-page subscriber's webhook
-- URL or e-mail address is the target, the receiver column names what carries it (an email
-- receiver's SMTP settings, or the built-in direct webhook).
alter table outbox drop constraint outbox_event_check;
alter table outbox add constraint outbox_event_check
    check (event in ('firing', 'resolved', 'acknowledged', 'message'));
alter table outbox add column target text;
alter table outbox add constraint outbox_message_has_target
    check ((event = 'message') = (target is not null));
-- Messages and alert notifications are sent by separate threads: a slow subscriber never delays an alert.
create index outbox_due_messages on outbox (next_attempt_at) where status = 'pending' and event = 'message';
