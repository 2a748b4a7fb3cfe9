import { InMemoryIdempotencyStore } from '../../src/commands/idempotency/in-memory-idempotency-store';
import { idempotencyStoreContract } from '../contract/idempotency-store.contract';

idempotencyStoreContract('InMemoryIdempotencyStore', async () => new InMemoryIdempotencyStore());
