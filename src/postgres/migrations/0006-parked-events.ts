/**
 * Events a process manager could not handle, kept for an operator to see and retry (see
 * ParkedEventStore). `failed`: its handling kept failing; `waiting`: it is in the same partition as
 * a failed one (the same order, say) and waits behind it, so that per-partition order holds.
 */
export const parkedEventsMigration = {
  version: 6,
  name: 'parked events',
  sql: `
create table parked_events (
  id             bigserial primary key,
  process        text not null,
  event_id       text not null,
  stream_id      text not null,
  event_type     text not null,
  event_position bigint not null,
  partition_key  text not null,
  reason         text not null check (reason in ('failed', 'waiting')),
  error          text,
  attempts       integer not null default 0,
  parked_at      timestamptz not null default now(),
  last_tried_at  timestamptz,
  resolved_at    timestamptz,
  unique (process, event_id)
);
create index parked_events_open on parked_events (process, partition_key, event_position) where resolved_at is null;
`,
};
