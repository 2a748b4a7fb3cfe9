import { randomUUID } from 'node:crypto';
import { handleCommand, type CommandContext } from '../../src/commands/command-handler';
import { KnownStreams } from '../../src/commands/known-streams';
import { DomainError } from '../../src/domain/shared/domain-error';
import { inventoryDecider, type InventoryCommand } from '../../src/domain/inventory/inventory';
import { InMemoryEventStore } from '../../src/event-store/in-memory-event-store';

const context = (idempotencyKey?: string): CommandContext => ({
  now: new Date(),
  actor: { id: 't', role: 'system' },
  correlationId: randomUUID(),
  ...(idempotencyKey ? { idempotencyKey } : {}),
});
const receive = (quantity: number): InventoryCommand => ({ type: 'ReceiveStock', data: { code: 'P', quantity, now: new Date() } });
const reserve = (orderId: string, quantity: number): InventoryCommand => ({ type: 'ReserveStock', data: { code: 'P', orderId, quantity, lowStockThreshold: 0, now: new Date() } });

/** An event store that counts the streams read, and a second "process" writing to it behind the first one's back. */
function countingStore() {
  const store = new InMemoryEventStore();
  const reads = { count: 0 };
  const readStream = store.readStream.bind(store);
  store.readStream = async (...args) => {
    reads.count++;
    return readStream(...args);
  };
  /** Another process: the same streams, its own memory of them. */
  const elsewhere = { ...store, readStream } as unknown as InMemoryEventStore;
  Object.setPrototypeOf(elsewhere, store);
  return { store, reads, elsewhere };
}

describe('commands on a stream this process knows', () => {
  it('decide on what the process last wrote and append at its revision, without reading the stream', async () => {
    const { store, reads } = countingStore();
    await handleCommand(store, 'inventory-P', inventoryDecider, receive(10), context());
    reads.count = 0;
    for (let i = 0; i < 5; i++) await handleCommand(store, 'inventory-P', inventoryDecider, reserve(`o-${i}`, 1), context());
    expect(reads.count).toBe(0);
    const read = await handleCommand(store, 'inventory-P', inventoryDecider, reserve('o-last', 1), context());
    expect(read.state).toMatchObject({ onHand: 10, reserved: 6 });
    expect((await store.readStream('inventory-P')).length).toBe(7);
  });

  it('decide again on the stream as it is when another process wrote meanwhile', async () => {
    const { store, reads, elsewhere } = countingStore();
    await handleCommand(store, 'inventory-P', inventoryDecider, receive(10), context());
    await handleCommand(elsewhere, 'inventory-P', inventoryDecider, receive(5), context());
    reads.count = 0;
    const result = await handleCommand(store, 'inventory-P', inventoryDecider, reserve('o-1', 12), context());
    // Refused at the revision it knew, it read the stream once and decided on 15 on hand.
    expect(reads.count).toBe(1);
    expect(result.state).toMatchObject({ onHand: 15, reserved: 12 });
    const written = await store.readStream('inventory-P');
    expect(written.map((event) => event.type)).toEqual(['StockReceived', 'StockReceived', 'StockReserved']);
  });

  it('check a refusal against the stream itself: what it knew may be out of date', async () => {
    const { store, elsewhere } = countingStore();
    await handleCommand(store, 'inventory-P', inventoryDecider, receive(1), context());
    await handleCommand(elsewhere, 'inventory-P', inventoryDecider, receive(9), context());
    // On what this process knew (1 on hand) the reservation would be refused; on the stream it is not.
    const result = await handleCommand(store, 'inventory-P', inventoryDecider, reserve('o-1', 5), context());
    expect(result.state).toMatchObject({ onHand: 10, reserved: 5 });
    await expect(handleCommand(store, 'inventory-P', inventoryDecider, reserve('o-2', 6), context())).rejects.toBeInstanceOf(DomainError);
  });

  it('answer a retry of a command already applied from what it wrote, not by applying it twice', async () => {
    const { store } = countingStore();
    await handleCommand(store, 'inventory-P', inventoryDecider, receive(10), context());
    const first = await handleCommand(store, 'inventory-P', inventoryDecider, receive(3), context('event-1:receive'));
    const again = await handleCommand(store, 'inventory-P', inventoryDecider, receive(3), context('event-1:receive'));
    expect(again.alreadyApplied).toBe(true);
    expect(again.revision).toBe(first.revision);
    expect(again.events).toEqual(first.events);
    expect((await store.readStream('inventory-P')).length).toBe(2);
  });

  it('append the first event of a stream made for the command without reading it, and answer a retry from what the first attempt wrote', async () => {
    const { store, reads, elsewhere } = countingStore();
    const first = await handleCommand(store, 'inventory-NEW', inventoryDecider, receive(4), context('event-9:receive'), { newStream: true });
    expect(reads.count).toBe(0);
    // A retry in another process (a redelivery after a crash): the stream exists, so it reads it and finds the first attempt.
    const again = await handleCommand(elsewhere, 'inventory-NEW', inventoryDecider, receive(4), context('event-9:receive'), { newStream: true });
    expect(again).toMatchObject({ alreadyApplied: true, revision: first.revision });
    expect((await store.readStream('inventory-NEW')).length).toBe(1);
  });

  it('forget the least recently used stream first', () => {
    const known = new KnownStreams(2);
    const decider = {};
    const entry = (revision: number) => ({ revision, state: revision, checkpoint: null, snapshotRevision: -1 });
    known.set(decider, 'a', entry(1));
    known.set(decider, 'b', entry(2));
    known.get(decider, 'a');
    known.set(decider, 'c', entry(3));
    expect(known.get(decider, 'b')).toBeUndefined();
    expect(known.get(decider, 'a')?.revision).toBe(1);
    expect(known.get(decider, 'c')?.revision).toBe(3);
  });
});
