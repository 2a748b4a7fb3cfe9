export default async function globalTeardown(): Promise<void> {
  await globalThis.emporiumTestPostgres?.stop();
}
