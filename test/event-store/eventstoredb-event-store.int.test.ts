import { randomBytes } from 'node:crypto';
import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb/eventstoredb-event-store';
import { eventStoreContract } from '../contract/event-store.contract';
import { startStandIn, type StandInServer } from '../support/eventstoredb-stand-in/stand-in-server';
import { describeWithServer } from '../support/test-servers';

/**
 * The EventStoreDB adapter, on the stand-in that scripts/test-servers.sh starts (a test server
 * speaking EventStoreDB's gRPC protocol, not EventStoreDB), or on a real EventStoreDB when
 * EVENTSTORE_URL is set. Each store gets a namespace of its own, so tests share the server
 * without seeing one another.
 *
 * On the stand-in, the suite starts one of its own: a new subscription reads $all from its start,
 * and on the stand-in the test servers share, the events other suites had left there (the
 * distributed journey's among them) made those reads outlast the contract's 5 s. CI failed twice
 * so; 80,000 events of another namespace fail all six subscription tests.
 */
describeWithServer('EVENTSTORE_URL', 'the EventStoreDB event store', (sharedUrl) => {
  let url = sharedUrl;
  let ownStandIn: StandInServer | undefined;
  beforeAll(async () => {
    if (process.env.EVENTSTORE_URL) return;
    ownStandIn = await startStandIn();
    url = ownStandIn.url;
  });
  const stores: EventStoreDbEventStore[] = [];
  let namespace = '';
  const open = () => {
    const store = EventStoreDbEventStore.connect(url, { namespace });
    stores.push(store);
    return store;
  };
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close().catch(() => undefined)));
    await ownStandIn?.stop();
  });

  eventStoreContract('EventStoreDbEventStore', {
    create: async () => {
      namespace = `t${randomBytes(5).toString('hex')}-`;
      return open();
    },
    sibling: async () => open(),
  });
});
