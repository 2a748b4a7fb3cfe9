import { createHash, randomUUID } from 'node:crypto';

/** Our namespace for name-based ids (a random UUID fixed once; it must never change). */
const emporiumNamespace = '8c5b1d9e-3f2a-4c71-9e0d-6a4b2f7c1e53';

/**
 * RFC 9562 version 5 UUID: the same name always gives the same id. We derive the ids of what a
 * retried request or a redelivered event causes from what caused it, so a second attempt
 * collides with the first instead of doing the work twice.
 */
export function nameBasedUuid(name: string, namespace = emporiumNamespace): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const newUuid = (): string => randomUUID();

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
