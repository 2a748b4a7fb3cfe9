/**
 * Suites that need Kafka, a MongoDB-protocol server or an EventStoreDB run when the variable naming
 * it is set (see README, "Test servers"). Without it they are skipped with the reason printed,
 * except under CI, where a missing server fails the run: CI must run everything. EVENTSTORE_URL
 * names a real EventStoreDB; without it, EVENTSTORE_STAND_IN_URL names the stand-in.
 */
export function describeWithServer(variable: 'KAFKA_BROKERS' | 'MONGO_URL' | 'EVENTSTORE_URL', title: string, suite: (value: string) => void): void {
  const value = variable === 'EVENTSTORE_URL' ? (process.env.EVENTSTORE_URL ?? process.env.EVENTSTORE_STAND_IN_URL) : process.env[variable];
  if (value) {
    describe(title, () => suite(value));
    return;
  }
  const reason = `${variable} is not set: start the servers with scripts/test-servers.sh up (README, "Test servers")`;
  if (process.env.CI === 'true') {
    describe(title, () => {
      it('has its server', () => {
        throw new Error(`${reason}. CI must run every suite.`);
      });
    });
    return;
  }
  // Straight to stderr: jest drops console output of a file whose tests are all skipped.
  process.stderr.write(`Skipping "${title}": ${reason}\n`);
  // The suite's body is not run: it may connect to its server as it is declared.
  describe.skip(title, () => it(`needs ${variable}`, () => undefined));
}
