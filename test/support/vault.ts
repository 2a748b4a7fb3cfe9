import { randomBytes } from 'node:crypto';
import { InMemoryPersonalDataKeys } from '../../src/privacy/personal-data-keys';
import { PersonalDataVault } from '../../src/privacy/personal-data-vault';

/** For handlers built outside the app, on an in-memory event store (pure unit tests), or where nobody is erased. */
export const inMemoryVault = (): PersonalDataVault => new PersonalDataVault({ masterKey: randomBytes(32), keys: new InMemoryPersonalDataKeys() });
