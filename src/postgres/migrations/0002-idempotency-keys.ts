/** Idempotency-Key records of the command API: one per (scope, key), with the answer once given. */
export const idempotencyKeysMigration = {
  version: 2,
  name: 'idempotency keys',
  sql: `
create table idempotency_keys (
  scope            text not null,
  key              text not null,
  fingerprint      text not null,
  locked_until     timestamptz not null,
  response_status  integer,
  response_headers jsonb,
  response_body    jsonb,
  created_at       timestamptz not null default now(),
  completed_at     timestamptz,
  primary key (scope, key)
);
create index idempotency_keys_created_at on idempotency_keys (created_at);
`,
};
