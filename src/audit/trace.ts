import type { Pool } from 'pg';
import type { RecordedEvent } from '../event-store/event-store';
import { eventColumns, toRecordedEvent, type EventRow } from '../event-store/postgres/postgres-event-store';
import { uuidPattern } from '../shared/ids';
import { AuditNotFoundError, type AuditOptions } from './audit-queries';
import { maskPersonalData } from './personal-data';

/** One event in a trace, with the events it caused beneath it. */
export interface TraceNode {
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
  readonly recordedAt: string;
  readonly type: string;
  readonly actor: { readonly id: string; readonly role: string } | null;
  readonly correlationId: string | null;
  readonly data: unknown;
  readonly caused: TraceNode[];
}

export interface Trace {
  /** What was asked for: an order id, or a correlation id (the request that started it all). */
  readonly subject: { readonly kind: 'order' | 'correlation'; readonly id: string };
  readonly events: number;
  readonly streams: readonly string[];
  /** Events whose cause is outside the trace (a request, a webhook), each with what it caused. */
  readonly roots: TraceNode[];
}

/** Streams that belong wholly to one order's story; stock streams hold every order's, so only their events that name it are taken. */
const wholeStreamCategories = ['order-', 'payment-', 'notification-'];

/**
 * Everything one order (or one request) set off, in every stream: placement, reservations, payment
 * request, gateway submission, the webhook's outcome, stock commits, emails and their attempts.
 * Found by following, until nothing new turns up, the order id in event data, correlation and
 * causation ids in the metadata, and the streams of the payments and emails found on the way; then
 * arranged as a tree by causation, in log order.
 */
export async function traceOf(pool: Pool, id: string, options: AuditOptions = {}): Promise<Trace> {
  if (!uuidPattern.test(id)) throw new AuditNotFoundError(`${id} is neither an order id nor a correlation id (both are UUIDs)`);
  const key = id.toLowerCase();
  const isOrder = ((await pool.query('select 1 from events where stream_id = $1 limit 1', [`order-${key}`])).rowCount ?? 0) > 0;
  const found = new Map<string, RecordedEvent>();
  const add = (rows: EventRow[]) => {
    let added = 0;
    for (const event of rows.map(toRecordedEvent)) {
      if (!found.has(event.id)) {
        found.set(event.id, event);
        added++;
      }
    }
    return added;
  };
  const query = async (where: string, values: unknown[]) => (await pool.query<EventRow>(`select ${eventColumns} from events where ${where}`, values)).rows;

  add(isOrder ? await query(`stream_id = $1 or data->>'orderId' = $2`, [`order-${key}`, key]) : await query(`metadata->>'correlationId' = $1`, [key]));
  if (found.size === 0) throw new AuditNotFoundError(`No event belongs to order or correlation ${id}`);

  for (let round = 0; round < 20; round++) {
    const events = [...found.values()];
    const ids = events.map((event) => event.id);
    const correlations = [...new Set(events.flatMap((event) => (event.metadata.correlationId ? [event.metadata.correlationId] : [])))];
    const streams = [...new Set(events.map((event) => event.streamId).filter((stream) => wholeStreamCategories.some((prefix) => stream.startsWith(prefix))))];
    const paymentIds = [...new Set(events.flatMap((event) => (typeof event.data.paymentId === 'string' ? [event.data.paymentId] : [])))];
    const added = add(
      await query(
        `metadata->>'causationId' = any($1::text[]) or metadata->>'correlationId' = any($2::text[]) or stream_id = any($3::text[])
           or stream_id = any(select 'payment-' || p from unnest($4::text[]) p)`,
        [ids, correlations, streams, paymentIds],
      ),
    );
    if (added === 0) break;
  }

  const nodes = new Map<string, TraceNode>();
  const inLogOrder = [...found.values()].sort((a, b) => a.position - b.position);
  const ordered = options.reveal ? await options.reveal(inLogOrder) : inLogOrder;
  for (const event of ordered) {
    nodes.set(event.id, {
      eventId: event.id,
      streamId: event.streamId,
      revision: event.revision,
      position: event.position,
      recordedAt: event.recordedAt.toISOString(),
      type: event.type,
      actor: event.metadata.actor ?? null,
      correlationId: event.metadata.correlationId ?? null,
      data: maskPersonalData(event.data, options.showPersonalData ?? false),
      caused: [],
    });
  }
  const roots: TraceNode[] = [];
  for (const event of ordered) {
    const node = nodes.get(event.id)!;
    const cause = event.metadata.causationId ? nodes.get(event.metadata.causationId) : undefined;
    if (cause && cause !== node) cause.caused.push(node);
    else roots.push(node);
  }
  return { subject: { kind: isOrder ? 'order' : 'correlation', id: key }, events: found.size, streams: [...new Set(ordered.map((event) => event.streamId))], roots };
}
