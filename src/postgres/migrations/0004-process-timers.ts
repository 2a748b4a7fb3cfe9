/** Deadlines the process managers set themselves (a payment that must be answered in time). */
export const processTimersMigration = {
  version: 4,
  name: 'process timers',
  sql: `
create table process_timers (
  id       text primary key,
  kind     text not null,
  due_at   timestamptz not null,
  payload  jsonb not null
);
create index process_timers_due on process_timers (due_at);
`,
};
