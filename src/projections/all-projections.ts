import type { Pool } from 'pg';
import type { PostgresCheckpointStore } from '../event-store/postgres/postgres-event-store';
import type { DocumentStore } from './document-store';
import { PostgresDocumentStore } from './postgres/postgres-document-store';
import { documentProjection, type Projection } from './projection';
import { categoriesProjection, catalogProjection } from './read-models/catalog';
import { customersProjection } from './read-models/customers';
import { orderHistoryProjection } from './read-models/order-history';
import { notificationsProjection } from './read-models/notifications';
import { paymentsProjection } from './read-models/payments';
import { staffAccountsProjection } from './read-models/staff-accounts';
import { vendorsProjection } from './read-models/vendors';
import { vendorOrderLinesProjection } from './read-models/vendor-order-lines';
import { priceRulesProjection } from './read-models/price-rules';
import { reportingProjections } from './reporting/reporting-projection';

/**
 * Every projection: document read models (PostgreSQL JSONB by default, or the document store
 * given, MongoDB say) and reporting in PostgreSQL (the app's, or an auditor's scratch database).
 * Their names are projectionNames.
 */
/** The read models kept as documents (in MongoDB, or PostgreSQL JSONB), as against the reports' SQL tables. */
export const documentReadModelNames: readonly string[] = [catalogProjection, categoriesProjection, customersProjection, orderHistoryProjection, paymentsProjection, notificationsProjection, staffAccountsProjection, vendorsProjection, vendorOrderLinesProjection, priceRulesProjection].map((readModel) => readModel.name);

export function allProjections(pool: Pool, eventStore: { readonly checkpoints: PostgresCheckpointStore }, documents: DocumentStore = new PostgresDocumentStore(pool)): Projection[] {
  return [
    documentProjection(documents, catalogProjection),
    documentProjection(documents, categoriesProjection),
    documentProjection(documents, customersProjection),
    documentProjection(documents, orderHistoryProjection),
    documentProjection(documents, paymentsProjection),
    documentProjection(documents, notificationsProjection),
    documentProjection(documents, staffAccountsProjection),
    documentProjection(documents, vendorsProjection),
    documentProjection(documents, vendorOrderLinesProjection),
    documentProjection(documents, priceRulesProjection),
    ...reportingProjections(pool, eventStore.checkpoints),
  ];
}
