import type { EventStore, RecordedEvent } from '../event-store/event-store';
import { entityStream, foldEntity, type AuditedEntity } from './audited-entities';
import { maskPersonalData } from './personal-data';

/** The answers auditors get, the same from the CLI and from GET /api/audit/…. */

export class AuditNotFoundError extends Error {
  override readonly name = 'AuditNotFoundError';
}

export interface HistoryEntry {
  readonly revision: number;
  readonly position: number;
  readonly recordedAt: string;
  readonly type: string;
  readonly actor: { readonly id: string; readonly role: string } | null;
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly eventId: string;
  readonly data: unknown;
}

export interface AuditOptions {
  readonly showPersonalData?: boolean;
  /** Opens sealed personal data (src/privacy) in events read straight from the table; absent, it is shown sealed. */
  readonly reveal?: ((events: RecordedEvent[]) => Promise<RecordedEvent[]>) | undefined;
}

const entryOf = (event: RecordedEvent, options: AuditOptions): HistoryEntry => ({
  revision: event.revision,
  position: event.position,
  recordedAt: event.recordedAt.toISOString(),
  type: event.type,
  actor: event.metadata.actor ?? null,
  correlationId: event.metadata.correlationId ?? null,
  causationId: event.metadata.causationId ?? null,
  eventId: event.id,
  data: maskPersonalData(event.data, options.showPersonalData ?? false),
});

async function eventsOf(store: EventStore, entity: AuditedEntity, id: string): Promise<{ streamId: string; events: RecordedEvent[] }> {
  const streamId = entityStream(entity, id);
  const events = await store.readStream(streamId);
  if (events.length === 0) throw new AuditNotFoundError(`There is no ${entity} ${id} (no stream ${streamId})`);
  return { streamId, events };
}

/** Every event of one entity, oldest first, with who caused it and why. */
export async function entityHistory(store: EventStore, entity: AuditedEntity, id: string, options: AuditOptions = {}): Promise<{ streamId: string; events: HistoryEntry[] }> {
  const { streamId, events } = await eventsOf(store, entity, id);
  return { streamId, events: events.map((event) => entryOf(event, options)) };
}

/** A moment: a time (what the log held then, by the time each event was recorded) or a stream revision. */
export type AuditMoment = { readonly at: Date } | { readonly revision: number };

export function parseMoment(text: string): AuditMoment | null {
  if (/^\d{1,15}$/.test(text)) return { revision: Number(text) };
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) return null;
  // A day that is no day (2026-02-30) would be rolled over by Date; it is refused instead.
  const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const midnight = new Date(Date.UTC(year, month - 1, day));
  if (midnight.getUTCFullYear() !== year || midnight.getUTCMonth() !== month - 1 || midnight.getUTCDate() !== day) return null;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? null : { at };
}

export interface StateAt {
  readonly streamId: string;
  /** The last event folded in, or null when the entity did not exist yet then. */
  readonly revision: number | null;
  readonly recordedAt: string | null;
  readonly state: unknown;
}

/** The entity's state as of a moment, computed with the domain's own evolve from the events up to it. */
export async function entityStateAt(store: EventStore, entity: AuditedEntity, id: string, moment: AuditMoment, options: AuditOptions = {}): Promise<StateAt> {
  const { streamId, events } = await eventsOf(store, entity, id);
  const upTo = events.filter((event) => ('at' in moment ? event.recordedAt.getTime() <= moment.at.getTime() : event.revision <= moment.revision));
  const last = upTo.at(-1);
  return {
    streamId,
    revision: last?.revision ?? null,
    recordedAt: last?.recordedAt.toISOString() ?? null,
    state: maskPersonalData(foldEntity(entity, upTo), options.showPersonalData ?? false),
  };
}

export interface Change {
  /** JSON pointer to what changed. */
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** What changed in an entity between two moments, field by field. */
export async function entityDiff(store: EventStore, entity: AuditedEntity, id: string, from: AuditMoment, to: AuditMoment, options: AuditOptions = {}): Promise<{ from: StateAt; to: StateAt; changes: Change[] }> {
  const [before, after] = [await entityStateAt(store, entity, id, from, options), await entityStateAt(store, entity, id, to, options)];
  return { from: before, to: after, changes: differences(before.state, after.state, '') };
}

export function differences(before: unknown, after: unknown, path: string): Change[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => differences(before[key], after[key], `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  }
  return [{ path: path || '/', before: before ?? null, after: after ?? null }];
}
