/**
 * What the auditors' trace looks events up by: the request that caused them (correlation), the
 * event that caused them (causation), and the order they belong to.
 */
export const auditIndexesMigration = {
  version: 7,
  name: 'audit indexes',
  sql: `
create index events_correlation on events ((metadata->>'correlationId'));
create index events_causation on events ((metadata->>'causationId'));
create index events_order on events ((data->>'orderId')) where data ? 'orderId';
`,
};
