import type { RecordedEvent } from '../event-store/event-store';

/** An event a process manager set aside instead of stopping for it. */
export interface ParkedEvent {
  readonly id: string;
  readonly process: string;
  readonly eventId: string;
  readonly streamId: string;
  readonly eventType: string;
  /** Its place in the log, to find it and to keep its partition's order. */
  readonly eventPosition: number;
  readonly partitionKey: string;
  /** `failed`: handling it kept failing; `waiting`: it waits behind a failed event of its partition. */
  readonly reason: 'failed' | 'waiting';
  readonly error: string | null;
  readonly attempts: number;
  readonly parkedAt: string;
  readonly lastTriedAt: string | null;
  readonly resolvedAt: string | null;
}

export interface ParkRequest {
  readonly process: string;
  readonly event: RecordedEvent;
  readonly partitionKey: string;
  readonly reason: 'failed' | 'waiting';
  readonly error: string | null;
  readonly attempts: number;
}

/**
 * Where process managers park events, and where an operator finds and retries them. Parking the
 * same event again (a redelivered batch) changes nothing.
 */
export interface ParkedEventStore {
  park(request: ParkRequest): Promise<void>;
  /** The partitions of a process with events still parked: later events of theirs must wait too. */
  blockedPartitions(process: string): Promise<Set<string>>;
  /** Still parked events of one partition, in log order. */
  openInPartition(process: string, partitionKey: string): Promise<ParkedEvent[]>;
  list(options: { process?: string; includeResolved?: boolean; limit: number }): Promise<ParkedEvent[]>;
  get(id: string): Promise<ParkedEvent | null>;
  /** Handled after all: stays listed, as resolved. */
  resolve(id: string, at: Date): Promise<void>;
  /** Tried again and failed again: now the failed one its partition waits behind. */
  failedAgain(id: string, error: string, at: Date): Promise<void>;
  /** Open parked events per process, for /health. */
  counts(): Promise<Record<string, number>>;
}
