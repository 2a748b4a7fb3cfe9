import { sealedField } from '../privacy/personal-data-vault';
import { personalFieldsByEventType } from '../privacy/personal-fields';

/**
 * Fields that hold personal data (GDPR art. 4): shown to auditors only when they ask for it
 * (`--show-personal-data`), and never a password hash, which nobody needs to see. The events'
 * personal fields are those sealed (personal-fields.ts); an address's parts are masked wherever
 * one stands, in a state as in an event.
 */
const personalFields = new Set([...Object.values(personalFieldsByEventType).flatMap((spec) => Object.keys(spec.fields)), 'line1', 'line2', 'city', 'postalCode', sealedField]);
const secretFields = new Set(['passwordHash']);

export const maskedPersonalData = '‹personal data›';
export const maskedSecret = '‹secret›';

/** A copy of `value` with personal data masked (unless shown) and secrets always masked. */
export function maskPersonalData(value: unknown, showPersonalData: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => maskPersonalData(item, showPersonalData));
  if (value === null || typeof value !== 'object') return value;
  // What says how it is written as JSON (a persistent map, a date) is shown in that form.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return maskPersonalData((value as { toJSON(): unknown }).toJSON(), showPersonalData);
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => {
      if (secretFields.has(key)) return [key, maskedSecret];
      if (!showPersonalData && personalFields.has(key)) return [key, maskedPersonalData];
      return [key, maskPersonalData(field, showPersonalData)];
    }),
  );
}
