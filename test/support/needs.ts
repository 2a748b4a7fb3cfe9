/**
 * Tests that need something from outside the project (a tool, a server binary, a schema): where it
 * is missing they are skipped, and the reason is printed; under CI=true they run anyway and fail
 * on it, because CI must run everything.
 *   const { it: itWithPromtool } = needs('the promtool checks', promtool ? null : 'PROMTOOL is not set (…)');
 */
export function needs(what: string, missing: string | null): { it: jest.It; describe: jest.Describe } {
  const skip = missing !== null && process.env.CI !== 'true';
  if (skip) process.stderr.write(`Skipping ${what}: ${missing}\n`);
  return { it: skip ? it.skip : it, describe: skip ? describe.skip : describe };
}
