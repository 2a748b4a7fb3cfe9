import type { Checkpoint, EventFilter, RecordedEvent } from '../event-store/event-store';
import { applyToDocuments, type DocumentProjection } from './document-projection';
import type { DocumentStore } from './document-store';

export interface ProjectionBatch {
  readonly checkpoint: Checkpoint;
  readonly subscriptionId: string;
  /** Where to write: the live collection/schema, or a shadow being rebuilt. */
  readonly target: string;
}

/** What the projection runner runs: a read model behind a subscription, rebuildable into a shadow. */
export interface Projection {
  readonly name: string;
  readonly filter: EventFilter;
  /** 'handler': the projection saves its checkpoint itself, in the transaction of its writes. */
  readonly checkpointing: 'store' | 'handler';
  readonly liveTarget: string;
  /** How long it may gather appends before reading them (SubscribeOptions.gatherMs); absent, it reads at every append. */
  readonly gatherMs?: number;
  /** Creates the live target when it does not exist. */
  prepare(): Promise<void>;
  handle(events: readonly RecordedEvent[], batch: ProjectionBatch): Promise<void>;
  createShadow(): Promise<string>;
  swap(shadow: string): Promise<void>;
}

/**
 * How long a document read model gathers appends before applying them: a tenth of a second behind
 * at most, which nobody browsing notices, and a reader that asks to read its own writes does not
 * wait for it (waitFor cuts the gathering short). Taking each append as it came, the read models'
 * loads and saves were about a quarter of the statements of an order's journey.
 */
const documentGatherMs = 100;

/** A document read model on a document store; idempotent per document, so the store saves checkpoints. */
export function documentProjection<Doc>(store: DocumentStore, projection: DocumentProjection<Doc>): Projection {
  return {
    name: projection.name,
    filter: projection.filter,
    checkpointing: 'store',
    liveTarget: projection.collection.name,
    gatherMs: documentGatherMs,
    prepare: () => store.ensureCollection(projection.collection),
    handle: async (events, batch) => {
      await applyToDocuments(store, batch.target, projection, events);
    },
    createShadow: () => store.createShadow(projection.collection),
    swap: (shadow) => store.swap(projection.collection.name, shadow),
  };
}
