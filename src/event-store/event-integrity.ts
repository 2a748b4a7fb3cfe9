import { createHash } from 'node:crypto';
import type { EventMetadata, JsonObject, JsonValue } from './event-store';

/**
 * Tamper evidence for auditors. Each event's hash is SHA-256(previous hash ‖ digest), where the
 * digest covers the event's id, type, data and metadata in canonical JSON. Changing, removing or
 * reordering any event of a stream breaks every hash after it.
 *
 * The digest is computed here, in one place, so that every adapter (and an auditor re-checking a
 * stream) produces the same bytes whatever the database does to key order or whitespace.
 */

/** JSON with object keys sorted (RFC 8785 ordering for the values we store: no floats beyond JS's own). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function eventDigest(event: { id: string; type: string; data: JsonObject; metadata: EventMetadata }): Buffer {
  return createHash('sha256')
    .update(canonicalJson({ id: event.id, type: event.type, data: event.data, metadata: event.metadata as JsonValue }))
    .digest();
}

export function chainHash(previousHash: Buffer | null, digest: Buffer): Buffer {
  return createHash('sha256')
    .update(previousHash ?? Buffer.alloc(0))
    .update(digest)
    .digest();
}

/**
 * Re-computes a stream's hash chain from its events (read forwards from revision 0) and returns the
 * revision of the first event that does not match, or null when the whole chain holds.
 */
export function findBrokenLink(
  events: readonly { id: string; type: string; data: JsonObject; metadata: EventMetadata; revision: number; hash: string; previousHash: string | null }[],
): number | null {
  let previous: Buffer | null = null;
  for (const event of events) {
    const expected = chainHash(previous, eventDigest(event));
    if ((event.previousHash ?? null) !== (previous ? previous.toString('hex') : null)) return event.revision;
    if (expected.toString('hex') !== event.hash) return event.revision;
    previous = expected;
  }
  return null;
}
