import { productDecider } from '../domain/catalog/product';
import { customerDecider } from '../domain/customers/customer';
import { inventoryDecider } from '../domain/inventory/inventory';
import { emailDecider } from '../domain/notifications/email';
import { orderDecider } from '../domain/orders/order';
import { paymentDecider } from '../domain/payments/payment';
import type { Decider } from '../domain/shared/decider';
import { streamName, type StreamCategory } from '../domain/stream-names';

/**
 * What an auditor can ask about, by the names the shop uses, with the stream each lives in and the
 * domain's own decider, whose `evolve` computes its state as of any point.
 */
export const auditedEntities = {
  order: { category: 'order', decider: orderDecider },
  payment: { category: 'payment', decider: paymentDecider },
  customer: { category: 'customer', decider: customerDecider },
  product: { category: 'product', decider: productDecider },
  stock: { category: 'inventory', decider: inventoryDecider },
  notification: { category: 'notification', decider: emailDecider },
} satisfies Record<string, { category: StreamCategory; decider: { readonly initialState: unknown } }>;

export type AuditedEntity = keyof typeof auditedEntities;
export const auditedEntityNames = Object.keys(auditedEntities) as AuditedEntity[];

export function isAuditedEntity(name: string): name is AuditedEntity {
  return Object.hasOwn(auditedEntities, name);
}

/** Product and stock ids are product codes, kept upper-case; the others are UUIDs, kept lower-case. */
export function entityStream(entity: AuditedEntity, id: string): string {
  const normalised = entity === 'product' || entity === 'stock' ? id.toUpperCase() : id.toLowerCase();
  return streamName(auditedEntities[entity].category, normalised);
}

/** Evolves events with the entity's own decider. */
export function foldEntity(entity: AuditedEntity, events: readonly { type: string; data: unknown }[]): unknown {
  const { decider } = auditedEntities[entity] as { decider: Decider<never, { type: string; data: unknown }, unknown> };
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState);
}
