import { notFound } from '../domain/shared/domain-error';
import type { Actor } from '../event-store/event-store';

/**
 * Object-level authorisation (OWASP API1): a customer acts on their own customer record, orders
 * and payments only. Someone else's answers as not found, so that its existence does not leak.
 * A vendor acts for no customer: it sees its own order lines, not the customer's order.
 * Staff, admins and our own processes act on anything.
 */
export function mayActFor(actor: Actor, customerId: string): boolean {
  if (actor.role === 'vendor') return false;
  return actor.role !== 'customer' || actor.id === customerId;
}

/** A vendor's account manages its own vendor's products and stock only; staff and our processes manage all. */
export function maySell(actor: Actor, vendorId: string | undefined): boolean {
  return actor.role !== 'vendor' || (vendorId !== undefined && actor.vendorId === vendorId);
}

export function ensureActsFor(actor: Actor, customerId: string, what: { code: string; message: string }): void {
  if (!mayActFor(actor, customerId)) throw notFound(what.code, what.message);
}
