/**
 * Crypto-shredding (src/privacy): each person's data key, wrapped by the master key, apart from the
 * log. Erasure sets wrapped_key to null for good; the row stays as the tombstone that says so.
 * PostgreSQL's vacuum frees the old row version; the key itself never reaches the log or a backup
 * of the log.
 */
export const personalDataKeysMigration = {
  version: 9,
  name: 'personal data keys',
  sql: String.raw`
create table personal_data_keys (
  subject_id  text primary key,
  wrapped_key bytea,
  created_at  timestamptz not null default now(),
  erased_at   timestamptz,
  check ((wrapped_key is null) = (erased_at is not null))
);
`,
};
