import { randomUUID } from 'node:crypto';
import { catalogHandlers } from '../../src/commands/handlers/catalog-handlers';
import { customerHandlers } from '../../src/commands/handlers/customer-handlers';
import { orderHandlers } from '../../src/commands/handlers/order-handlers';
import type { ReadStreamOptions } from '../../src/event-store/event-store';
import { InMemoryEventStore } from '../../src/event-store/in-memory-event-store';
import { InMemoryPersonalDataKeys } from '../../src/privacy/personal-data-keys';
import { PersonalDataVault, vaultedEventStore } from '../../src/privacy/personal-data-vault';
import { erasedAddress } from '../../src/privacy/personal-fields';
import { silentLogger } from '../../src/shared/logger';

/**
 * Placing an order reads its customer and products on from what this process last knew of them
 * (each order used to read both streams whole, and open the customer's seals again), and an
 * erasure still holds for the next order at once.
 */
describe('placing orders', () => {
  const staff = () => ({ now: new Date(), actor: { id: 'staff-1', role: 'staff' }, correlationId: randomUUID() });

  async function shop() {
    const log = new InMemoryEventStore();
    const keys = new InMemoryPersonalDataKeys();
    const lookups: string[][] = [];
    const find = keys.find.bind(keys);
    keys.find = async (subjectIds) => {
      lookups.push([...subjectIds]);
      return find(subjectIds);
    };
    // An erasure caught between deleting the key and recording it: its record waits until let go.
    let erasureRecorded: Promise<void> | null = null;
    let erasureRecording: (() => void) | null = null;
    const appendToStream = log.appendToStream.bind(log);
    log.appendToStream = async (streamId, events, options) => {
      if (erasureRecorded && events.some((event) => event.type === 'CustomerErased')) {
        erasureRecording?.();
        await erasureRecorded;
      }
      return appendToStream(streamId, events, options);
    };
    const holdErasureRecords = () => {
      let letGo!: () => void;
      erasureRecorded = new Promise((resolve) => (letGo = resolve));
      const recording = new Promise<void>((resolve) => (erasureRecording = resolve));
      return { recording, letGo };
    };
    const reads: { streamId: string; fromRevision: number }[] = [];
    const readStream = log.readStream.bind(log);
    log.readStream = async (streamId: string, options?: ReadStreamOptions) => {
      reads.push({ streamId, fromRevision: options?.fromRevision ?? 0 });
      return readStream(streamId, options);
    };
    const vault = new PersonalDataVault({ masterKey: Buffer.alloc(32, 7), keys });
    const store = vaultedEventStore(log, vault);
    const catalog = catalogHandlers(store);
    const customers = customerHandlers(store, silentLogger, vault);
    await catalog.defineCategory({ name: 'Tea', description: '' }, staff());
    await catalog.addProduct({ code: 'GREEN-1', name: 'Sencha', description: '', categoryId: 'tea', price: { amount: 450, currency: 'EUR' }, lowStockThreshold: 0 }, staff());
    const registered = await customers.registerCustomer(
      { firstName: 'Ada', lastName: 'Lovelace', email: `ada-${randomUUID()}@example.com`, shippingAddress: { line1: '1 Tea Street', city: 'Leeds', postalCode: 'LS1', country: 'GB' } },
      staff(),
    );
    const customerId = registered.streamId.slice('customer-'.length);
    const orders = orderHandlers(store);
    const order = () => orders.placeOrder({ customerId, lines: [{ productCode: 'GREEN-1', quantity: 1 }], paymentMethod: 'card' }, staff());
    return { customers, customerId, order, reads, lookups, holdErasureRecords };
  }

  it('reads the customer and the products only past what the last order read, and opens no seal again', async () => {
    const { order, customerId, reads, lookups } = await shop();
    const first = await order();
    expect(first.state).toMatchObject({ status: 'placed', customerId });
    reads.length = 0;
    lookups.length = 0;

    const second = await order();

    expect(second.state).toMatchObject({ status: 'placed', customerId, shippingAddress: { city: 'Leeds' } });
    const past = (streamId: string) => reads.find((read) => read.streamId === streamId)?.fromRevision;
    expect(past(`customer-${customerId}`)).toBe(1);
    expect(past('product-GREEN-1')).toBe(1);
    // Nothing new on the customer's stream: no key looked up to open it (only the new order's own seal).
    expect(lookups.flat()).not.toContain(customerId);
  });

  it('refuses an order for a customer erased since the last one, in the same process', async () => {
    const { order, customers, customerId } = await shop();
    await order();

    await customers.eraseCustomer({ customerId }, staff());

    await expect(order()).rejects.toMatchObject({ code: 'customer-not-found' });
  });

  it('keeps no personal data of a customer once their key is deleted, before the erasure is recorded', async () => {
    const { order, customers, customerId, holdErasureRecords } = await shop();
    await order();
    const erasure = holdErasureRecords();

    const erased = customers.eraseCustomer({ customerId }, staff());
    await erasure.recording;
    const between = await order();
    erasure.letGo();
    await erased;

    // The customer's state this process kept from the first order went with the key: the order
    // placed in between read the stream anew, and found only the placeholders.
    expect(between.state).toMatchObject({ status: 'placed', shippingAddress: erasedAddress });
  });
});
