/** Refresh tokens (only their hashes) and login throttling counters. */
export const sessionsMigration = {
  version: 3,
  name: 'refresh tokens and login throttling',
  sql: `
create table refresh_tokens (
  id           uuid primary key,
  family_id    uuid not null,
  account_id   text not null,
  token_hash   bytea not null,
  issued_at    timestamptz not null default now(),
  expires_at   timestamptz not null,
  revoked_at   timestamptz,
  replaced_by  uuid
);
create index refresh_tokens_family on refresh_tokens (family_id);
create index refresh_tokens_account on refresh_tokens (account_id);

create table login_throttle (
  bucket           text primary key,
  failures         integer not null,
  window_started_at timestamptz not null
);
`,
};
