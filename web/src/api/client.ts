import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

/*
 * The one way the pages talk to the API: typed by the OpenAPI document (npm run api:types), so a
 * page that reads a field the API no longer answers does not compile. The access token lives in
 * this module's memory only; the refresh token is in an httpOnly cookie the page cannot read, and
 * a reload gets a new access token from it (POST /api/auth/refresh).
 */

export type Schemas = components['schemas'];
export type Product = Schemas['Product'];
export type Order = Schemas['Order'];
export type Payment = Schemas['Payment'];
export type Customer = Schemas['CustomerProfile'];
export type Money = Product['price'];
/** What a person typed, as the API's enumerations; the API checks it and names the field if it is none. */
export type Country = Schemas['AddressDto']['country'];
export type Currency = Schemas['MoneyDto']['currency'];
export type ProjectionName = Schemas['RebuildDto']['projections'][number];
export const asCountry = (text: string) => text.trim().toUpperCase() as Country;
export const asCurrency = (text: string) => text.trim().toUpperCase() as Currency;
export type Role = NonNullable<Schemas['Me']['role']>;
export interface Me {
  accountId: string;
  role: Role;
  customerId: string | null;
  /** A vendor account's vendor. */
  vendorId: string | null;
}

/** RFC 9457 problem details, as the API answers every error. */
export interface Problem {
  title?: string;
  detail?: string;
  status?: number;
  errors?: { pointer?: string; parameter?: string; detail: string }[];
}

let accessToken: string | null = null;
let refreshing: Promise<boolean> | null = null;

export const api = createClient<paths>({ baseUrl: '' });

/** Trades the session cookie for a new access token, once at a time however many requests need it. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= fetch('/api/auth/refresh', { method: 'POST', credentials: 'same-origin' })
    .then(async (answer) => {
      if (!answer.ok) {
        accessToken = null;
        return false;
      }
      accessToken = ((await answer.json()) as { accessToken: string }).accessToken;
      return true;
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

export function setAccessToken(token: string | null): void {
  accessToken = token;
}

export const hasAccessToken = () => accessToken !== null;

/**
 * Read-your-writes for the whole tab: the latest checkpoint any command of this tab answered goes
 * with every read after it, so a page shown after a change shows the change (the query waits for
 * the read models to reach it). Checkpoints are <commit>.<position>, ordered by commit then position.
 */
let latestCheckpoint: string | null = null;
const checkpointParts = (checkpoint: string) => checkpoint.split('.').map(Number) as [number, number];
function isLater(candidate: string, than: string | null): boolean {
  if (than === null) return true;
  const [commit, position] = checkpointParts(candidate);
  const [knownCommit, knownPosition] = checkpointParts(than);
  return commit > knownCommit || (commit === knownCommit && position > knownPosition);
}

const session: Middleware = {
  onRequest({ request }) {
    if (accessToken && !request.url.includes('/api/auth/refresh')) request.headers.set('Authorization', `Bearer ${accessToken}`);
    if (request.method === 'GET' && latestCheckpoint && !request.headers.has('Emporium-Checkpoint')) request.headers.set('Emporium-Checkpoint', latestCheckpoint);
    return request;
  },
  onResponse({ response }) {
    const checkpoint = response.headers.get('Emporium-Checkpoint');
    if (checkpoint && /^\d+\.\d+$/.test(checkpoint) && isLater(checkpoint, latestCheckpoint)) latestCheckpoint = checkpoint;
    return response;
  },
};
api.use(session);

/** Calls the API; an expired access token is refreshed from the cookie and the call made once more. */
export async function call<T extends { response: Response; error?: unknown }>(request: () => Promise<T>): Promise<T> {
  const first = await request();
  if (first.response.status !== 401 || !accessToken) return first;
  return (await refreshSession()) ? request() : first;
}

/** The first words a person can act on from a problem document. */
export function problemText(error: unknown): string {
  const problem = error as Problem | undefined;
  if (!problem) return 'Something went wrong; please try again.';
  const fields = (problem.errors ?? []).map((e) => e.detail).join('; ');
  return [problem.detail ?? problem.title, fields].filter(Boolean).join(': ') || 'Something went wrong; please try again.';
}


export const newIdempotencyKey = () => crypto.randomUUID();

export { formatMoney, inMajorUnits, toMinorUnits } from './money';
