import { randomBytes } from 'node:crypto';
import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb/eventstoredb-event-store';
import { eventStoreContract } from '../contract/event-store.contract';
import { describeWithServer } from '../support/test-servers';

/**
 * The EventStoreDB adapter, on the stand-in that scripts/test-servers.sh starts (a test server
 * speaking EventStoreDB's gRPC protocol, not EventStoreDB), or on a real EventStoreDB when
 * EVENTSTORE_URL is set. Each store gets a namespace of its own, so tests share the server
 * without seeing one another.
 */
describeWithServer('EVENTSTORE_URL', 'the EventStoreDB event store', (url) => {
  const stores: EventStoreDbEventStore[] = [];
  let namespace = '';
  const open = () => {
    const store = EventStoreDbEventStore.connect(url, { namespace });
    stores.push(store);
    return store;
  };
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close().catch(() => undefined)));
  });

  eventStoreContract('EventStoreDbEventStore', {
    create: async () => {
      namespace = `t${randomBytes(5).toString('hex')}-`;
      return open();
    },
    sibling: async () => open(),
  });
});
