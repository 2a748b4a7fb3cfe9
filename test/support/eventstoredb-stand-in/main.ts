import { startStandIn } from './stand-in-server';

/**
 * Runs the EventStoreDB stand-in (a test server, not EventStoreDB) as its own process, as
 * scripts/test-servers.sh does: `tsx test/support/eventstoredb-stand-in/main.ts <port> [data file]`.
 */
async function main(): Promise<void> {
  const [port, dataFile] = process.argv.slice(2);
  const server = await startStandIn({ port: Number(port ?? 0), ...(dataFile ? { dataFile } : {}) });
  process.stdout.write(`EventStoreDB stand-in (for tests; not EventStoreDB) listening on ${server.url}\n`);
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`EventStoreDB stand-in failed to start: ${String(error)}\n`);
  process.exit(1);
});
