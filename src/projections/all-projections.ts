import type { Pool } from 'pg';
import type { PostgresCheckpointStore } from '../event-store/postgres/postgres-event-store';
import type { DocumentStore } from './document-store';
import { PostgresDocumentStore } from './postgres/postgres-document-store';
import { documentProjection, type Projection } from './projection';
import { categoriesProjection, catalogProjection } from './read-models/catalog';
import { customersProjection } from './read-models/customers';
import { orderHistoryProjection } from './read-models/order-history';
import { paymentsProjection } from './read-models/payments';
import { reportingProjections } from './reporting/reporting-projection';

/**
 * Every projection: document read models (PostgreSQL JSONB by default, or the document store
 * given, MongoDB say) and reporting in PostgreSQL (the app's, or an auditor's scratch database).
 * Their names are projectionNames.
 */
export function allProjections(pool: Pool, eventStore: { readonly checkpoints: PostgresCheckpointStore }, documents: DocumentStore = new PostgresDocumentStore(pool)): Projection[] {
  return [
    documentProjection(documents, catalogProjection),
    documentProjection(documents, categoriesProjection),
    documentProjection(documents, customersProjection),
    documentProjection(documents, orderHistoryProjection),
    documentProjection(documents, paymentsProjection),
    ...reportingProjections(pool, eventStore.checkpoints),
  ];
}
