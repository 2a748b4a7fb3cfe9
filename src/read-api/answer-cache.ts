import { RecentlyUsed } from '../shared/recently-used';

/**
 * Answers of public queries kept as sent, by request, while the read model they came from has not
 * changed: the storefront asks for the same catalog pages again and again, and each time they
 * would be read, parsed and serialised anew. What "not changed" means is the projection's version
 * (ProjectionRunner.version), read before the read model is; where the projection runs in another
 * process there is no version, and nothing is kept.
 */
export class AnswerCache {
  private readonly answers: RecentlyUsed<string, { version: number; body: string; until: number | null }>;

  constructor(capacity = 500) {
    this.answers = new RecentlyUsed(capacity);
  }

  /**
   * The body for `key` at `version`: kept, or made now by `answer` (and kept). `expiry`: an answer
   * that holds only until a moment (a price that changes then) is kept until that moment only.
   */
  async get<T>(key: string, version: number | undefined, answer: () => Promise<T>, expiry?: { now: Date; until: (value: T) => Date | null }): Promise<string> {
    if (version === undefined) return JSON.stringify(await answer());
    const kept = this.answers.get(key);
    if (kept && kept.version === version && (kept.until === null || (expiry !== undefined && expiry.now.getTime() < kept.until))) return kept.body;
    const value = await answer();
    const body = JSON.stringify(value);
    this.answers.set(key, { version, body, until: expiry?.until(value)?.getTime() ?? null });
    return body;
  }
}
