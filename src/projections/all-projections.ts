import type { Pool } from 'pg';
import type { PostgresCheckpointStore } from '../event-store/postgres/postgres-event-store';
import { PostgresDocumentStore } from './postgres/postgres-document-store';
import { documentProjection, type Projection } from './projection';
import { categoriesProjection, catalogProjection } from './read-models/catalog';
import { customersProjection } from './read-models/customers';
import { orderHistoryProjection } from './read-models/order-history';
import { paymentsProjection } from './read-models/payments';
import { reportingProjections } from './reporting/reporting-projection';

/**
 * Every projection of the embedded profile: document read models and reporting, on one PostgreSQL
 * (the app's, or an auditor's scratch database). Their names are projectionNames.
 */
export function allProjections(pool: Pool, eventStore: { readonly checkpoints: PostgresCheckpointStore }): Projection[] {
  const documents = new PostgresDocumentStore(pool);
  return [
    documentProjection(documents, catalogProjection),
    documentProjection(documents, categoriesProjection),
    documentProjection(documents, customersProjection),
    documentProjection(documents, orderHistoryProjection),
    documentProjection(documents, paymentsProjection),
    ...reportingProjections(pool, eventStore.checkpoints),
  ];
}
