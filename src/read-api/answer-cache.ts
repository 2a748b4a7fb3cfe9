import { RecentlyUsed } from '../shared/recently-used';

/**
 * Answers of public queries kept as sent, by request, while the read model they came from has not
 * changed: the storefront asks for the same catalog pages again and again, and each time they
 * would be read, parsed and serialised anew. What "not changed" means is the projection's version
 * (ProjectionRunner.version), read before the read model is; where the projection runs in another
 * process there is no version, and nothing is kept.
 */
export class AnswerCache {
  private readonly answers: RecentlyUsed<string, { version: number; body: string }>;

  constructor(capacity = 500) {
    this.answers = new RecentlyUsed(capacity);
  }

  /** The body for `key` at `version`: kept, or made now by `answer` (and kept). */
  async get(key: string, version: number | undefined, answer: () => Promise<unknown>): Promise<string> {
    if (version === undefined) return JSON.stringify(await answer());
    const kept = this.answers.get(key);
    if (kept && kept.version === version) return kept.body;
    const body = JSON.stringify(await answer());
    this.answers.set(key, { version, body });
    return body;
  }
}
