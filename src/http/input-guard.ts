import type { RequestHandler } from 'express';
import { sendProblem } from './problem-details';
import type { FieldError } from './validation';

/**
 * One gate for every input, before any route sees it: text that PostgreSQL cannot store or that no
 * person typed (U+0000, unpaired UTF-16 surrogates from `\ud800` escapes), paths that are not valid
 * percent-encoding, and JSON nested deeper than any request of ours (class-transformer recurses
 * without a bound and would overflow the stack). Each is refused with a 400 naming where it was,
 * instead of failing deep inside as a 500. Rules about what a field means stay with the DTOs.
 */

/** Our deepest body is an order: body → lines → line → field. Twice that leaves room and stops abuse early. */
export const maxBodyDepth = 8;

const unfit = (text: string): string | null => {
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (!text.isWellFormed()) return 'must be well-formed Unicode (it has an unpaired surrogate)';
  return null;
};

/** The path: valid percent-encoding, and nothing in it that `unfit` refuses. */
export const pathGuard: RequestHandler = (request, response, next) => {
  let decoded: string;
  try {
    decoded = decodeURIComponent(request.path);
  } catch {
    return sendProblem(request, response, 400, 'malformed-path', 'The path is not valid percent-encoding (RFC 3986)');
  }
  const problem = unfit(decoded);
  if (problem) return sendProblem(request, response, 400, 'malformed-path', `The path ${problem}`);
  next();
};

/** Query parameters and the JSON body (run after the body parser). */
export const inputGuard: RequestHandler = (request, response, next) => {
  const errors: FieldError[] = [];
  for (const [name, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    const problem = unfit(name) ?? firstUnfit(value, 0, '').problem;
    // A name that is itself unfit is shown escaped, so the answer can be stored and printed.
    const shown = unfit(name) ? JSON.stringify(name.toWellFormed()).slice(1, -1) : name;
    if (problem) errors.push({ parameter: shown, detail: `${shown} ${problem}` });
  }
  if (request.body !== undefined) {
    const found = firstUnfit(request.body, 0, '');
    if (found.problem) errors.push({ pointer: found.pointer, detail: found.problem });
  }
  if (errors.length === 0) return next();
  sendProblem(request, response, 400, 'validation-failed', 'The request is not valid; see errors for each field at fault', { errors });
};

/** The first string, key or nesting level that is not fit, as a JSON pointer to it. */
function firstUnfit(value: unknown, depth: number, pointer: string): { problem: string | null; pointer: string } {
  if (typeof value === 'string') return { problem: unfit(value), pointer };
  if (typeof value !== 'object' || value === null) return { problem: null, pointer };
  if (depth >= maxBodyDepth) return { problem: `is nested more than ${maxBodyDepth} levels deep`, pointer };
  const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
  for (const [key, item] of entries) {
    const at = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const keyProblem = unfit(key);
    if (keyProblem) return { problem: `has a field name that ${keyProblem}`, pointer: pointer || '/' };
    const found = firstUnfit(item, depth + 1, at);
    if (found.problem) return found;
  }
  return { problem: null, pointer };
}
