/** Snapshots of long streams' state: a cache, rebuilt from the events whenever missing or stale. */
export const snapshotsMigration = {
  version: 5,
  name: 'snapshots',
  sql: `
create table snapshots (
  stream_id     text primary key,
  snapshot_key  text not null,
  revision      bigint not null,
  state         jsonb not null,
  saved_at      timestamptz not null default now()
);
`,
};
