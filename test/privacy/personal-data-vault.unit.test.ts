import crypto, { randomBytes, randomUUID } from 'node:crypto';
import { InMemoryEventStore } from '../../src/event-store/in-memory-event-store';
import { findBrokenLink } from '../../src/event-store/event-integrity';
import type { NewEvent, RecordedEvent } from '../../src/event-store/event-store';
import { InMemoryPersonalDataKeys } from '../../src/privacy/personal-data-keys';
import { PersonalDataSealError, PersonalDataVault, sealedField, vaultedEventStore } from '../../src/privacy/personal-data-vault';
import { erasedAddress, erasedText } from '../../src/privacy/personal-fields';

const address = { line1: '1 Tea Street', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' };
const registered = (customerId: string): NewEvent => ({
  id: randomUUID(),
  type: 'CustomerRegistered',
  data: { customerId, firstName: 'Ann', lastName: 'Lee', email: 'ann@example.org', shippingAddress: address, registeredAt: '2026-11-26T10:00:00.000Z' },
});

function setUp() {
  const keys = new InMemoryPersonalDataKeys();
  const masterKey = randomBytes(32);
  const vault = new PersonalDataVault({ masterKey, keys });
  const raw = new InMemoryEventStore();
  return { keys, masterKey, vault, raw, store: vaultedEventStore(raw, vault) };
}

describe('PersonalDataVault', () => {
  it('writes the personal fields sealed, keeps the others in the clear, and reads them back as they were', async () => {
    const { raw, store } = setUp();
    const customerId = randomUUID();
    const event = registered(customerId);
    await store.appendToStream(`customer-${customerId}`, [event]);

    const [written] = await raw.readStream(`customer-${customerId}`);
    expect(JSON.stringify(written!.data)).not.toMatch(/Ann|Lee|ann@example|Tea Street|Leeds|LS1/);
    expect(Object.keys(written!.data).sort()).toEqual(['customerId', 'registeredAt', sealedField]);
    expect((await store.readStream(`customer-${customerId}`)).map((read) => read.data)).toEqual([event.data]);
  });

  it('seals one event the same way twice, so a retried append is the same event', async () => {
    const { vault } = setUp();
    const event = registered(randomUUID());
    expect(await vault.seal([event])).toEqual(await vault.seal([event]));
  });

  it('reads the placeholders once the person is erased, on every path, and seals nothing new for them', async () => {
    const { raw, store, vault } = setUp();
    const [ann, bob] = [randomUUID(), randomUUID()];
    await store.appendToStream(`customer-${ann}`, [registered(ann)]);
    await store.appendToStream(`customer-${bob}`, [registered(bob)]);
    await vault.erase(ann);

    const erased = { firstName: erasedText, lastName: erasedText, email: erasedText, shippingAddress: erasedAddress };
    expect((await store.readStream(`customer-${ann}`))[0]!.data).toMatchObject(erased);
    expect((await store.readStream(`customer-${bob}`))[0]!.data).toMatchObject({ firstName: 'Ann' });
    const everything: RecordedEvent[] = [];
    for await (const batch of store.readAll()) everything.push(...batch);
    expect(everything.find((event) => event.data.customerId === ann)!.data).toMatchObject(erased);

    await store.appendToStream(`order-${ann}`, [{ id: randomUUID(), type: 'OrderPlaced', data: { orderId: 'o-1', customerId: ann, shippingAddress: address } }]);
    const [order] = await raw.readStream(`order-${ann}`);
    expect(order!.data).toEqual({ orderId: 'o-1', customerId: ann, shippingAddress: erasedAddress });
  });

  it('unwraps a person\'s key and opens each seal once for many reads, and still sees an erasure made by another process at the next read', async () => {
    const { keys, masterKey, store } = setUp();
    const customerId = randomUUID();
    await store.appendToStream(`customer-${customerId}`, [registered(customerId)]);
    const deciphers = jest.spyOn(crypto, 'createDecipheriv');
    try {
      const reads = [];
      for (let i = 0; i < 3; i++) reads.push((await store.readStream(`customer-${customerId}`))[0]!.data);
      for (const data of reads) expect(data).toMatchObject({ firstName: 'Ann', shippingAddress: address });
      // One unwrapping of the data key, one opening of the event; each read gets data of its own.
      expect(deciphers).toHaveBeenCalledTimes(1 + 1);
      expect(reads[0]!.shippingAddress).not.toBe(reads[1]!.shippingAddress);
    } finally {
      deciphers.mockRestore();
    }
    // Another process (another vault on the same keys) erases the person: this one, which holds the
    // unwrapped key, reads the placeholders at once.
    await new PersonalDataVault({ masterKey, keys }).erase(customerId);
    expect((await store.readStream(`customer-${customerId}`))[0]!.data).toMatchObject({ firstName: erasedText, email: erasedText });
  });

  it('keeps a few thousand opened seals at most, however many it reads', async () => {
    const { store } = setUp();
    const customerId = randomUUID();
    await store.appendToStream(`customer-${customerId}`, Array.from({ length: 4_100 }, () => registered(customerId)));
    await store.readStream(`customer-${customerId}`);
    const deciphers = jest.spyOn(crypto, 'createDecipheriv');
    try {
      expect(await store.readStream(`customer-${customerId}`)).toHaveLength(4_100);
      // Those opened before the bound was reached were let go, and are opened again.
      expect(deciphers.mock.calls.length).toBeGreaterThanOrEqual(4_000);
    } finally {
      deciphers.mockRestore();
    }
  });

  it('leaves the hash chain as written: it verifies after the erasure, as before', async () => {
    const { raw, store, vault } = setUp();
    const customerId = randomUUID();
    await store.appendToStream(`customer-${customerId}`, [registered(customerId), { id: randomUUID(), type: 'ShippingAddressChanged', data: { customerId, shippingAddress: address, changedAt: '2026-11-26T11:00:00.000Z' } }]);
    await vault.erase(customerId);
    expect(findBrokenLink(await raw.readStream(`customer-${customerId}`))).toBeNull();
  });

  it('shows events written before sealing as they are, and erased once their owner is', async () => {
    const { raw, store, vault } = setUp();
    const customerId = randomUUID();
    const plain = registered(customerId);
    await raw.appendToStream(`customer-${customerId}`, [plain]);
    expect((await store.readStream(`customer-${customerId}`))[0]!.data).toEqual(plain.data);
    await vault.erase(customerId);
    expect((await store.readStream(`customer-${customerId}`))[0]!.data).toMatchObject({ firstName: erasedText, shippingAddress: erasedAddress });
  });

  it('opens the seal through a subscription too', async () => {
    const { store } = setUp();
    const customerId = randomUUID();
    await store.appendToStream(`customer-${customerId}`, [registered(customerId)]);
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribe({ subscriptionId: 'test', handle: async (events) => void seen.push(...events) });
    await subscription.waitFor((await store.headCheckpoint())!, 5_000);
    await subscription.stop();
    expect(seen[0]!.data.firstName).toBe('Ann');
  });

  it('leaves events with nobody in them alone: a staff alert, a product', async () => {
    const { vault } = setUp();
    const alert: NewEvent = { id: randomUUID(), type: 'EmailRequested', data: { notificationId: 'n-1', to: 'staff@shop.test', text: 'Low stock', html: '<p>Low stock</p>' } };
    const product: NewEvent = { id: randomUUID(), type: 'ProductAdded', data: { code: 'TEA', name: 'Tea' } };
    expect(await vault.seal([alert, product])).toEqual([alert, product]);
  });

  it('refuses, loudly, a seal moved to another event, and keys wrapped by another master key', async () => {
    const { raw, store, keys, vault } = setUp();
    const customerId = randomUUID();
    await store.appendToStream(`customer-${customerId}`, [registered(customerId)]);
    const [written] = await raw.readStream(`customer-${customerId}`);
    const moved = { ...written!, id: randomUUID() };
    await expect(vault.reveal([moved])).rejects.toThrow(/altered/);
    await expect(new PersonalDataVault({ masterKey: randomBytes(32), keys }).reveal([written!])).rejects.toThrow(PersonalDataSealError);
  });
});
