import { InMemoryEventStore } from '../../src/event-store/in-memory-event-store';
import { eventStoreContract } from '../contract/event-store.contract';

eventStoreContract('InMemoryEventStore', { create: async () => new InMemoryEventStore() });
