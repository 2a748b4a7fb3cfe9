import { newIdempotencyKey, problemText } from '../api/client';
import { Alert } from '../ui';

/** What a back-office form shows after a command: the API's words on failure. (Reads after it see it: the client sends the tab's latest checkpoint.) */
export interface Outcome {
  ok: boolean;
  message: string;
}

export async function runCommand(request: (idempotencyKey: string) => Promise<{ error?: unknown; response: Response }>, success: string): Promise<Outcome> {
  const { error, response } = await request(newIdempotencyKey());
  if (error !== undefined || !response.ok) return { ok: false, message: problemText(error) };
  return { ok: true, message: success };
}

export function OutcomeAlert({ outcome }: { outcome: Outcome | null }) {
  return outcome ? <Alert kind={outcome.ok ? 'success' : 'error'}>{outcome.message}</Alert> : null;
}
