import { notFound } from '../domain/shared/domain-error';
import type { Actor } from '../event-store/event-store';

/**
 * Object-level authorisation (OWASP API1): a customer acts on their own customer record, orders
 * and payments only. Someone else's answers as not found, so that its existence does not leak.
 * Staff, admins and our own processes act on anything.
 */
export function mayActFor(actor: Actor, customerId: string): boolean {
  return actor.role !== 'customer' || actor.id === customerId;
}

export function ensureActsFor(actor: Actor, customerId: string, what: { code: string; message: string }): void {
  if (!mayActFor(actor, customerId)) throw notFound(what.code, what.message);
}
