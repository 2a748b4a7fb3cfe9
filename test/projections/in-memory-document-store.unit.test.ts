import { InMemoryDocumentStore } from '../../src/projections/in-memory-document-store';
import { documentStoreContract } from '../contract/document-store.contract';

documentStoreContract('InMemoryDocumentStore', async () => new InMemoryDocumentStore());
