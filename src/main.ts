import { startEmporium } from './app/composition-root';
import { ConfigError, loadConfig } from './config/config';
import { jsonLogger } from './shared/logger';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  const logger = jsonLogger(config.logLevel);
  const emporium = await startEmporium(config, logger);
  logger.info('Emporium is running', {
    url: emporium.url,
    openapi: `${emporium.url}/api/openapi.json`,
    health: `${emporium.url}/health`,
    mailbox: emporium.mailboxUrl,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
  });
  if (process.stdout.isTTY) {
    process.stdout.write(
      [
        '',
        `  Emporium is running at ${emporium.url}`,
        `    API (OpenAPI)   ${emporium.url}/api/openapi.json`,
        `    Products        ${emporium.url}/api/products`,
        `    Health          ${emporium.url}/health`,
        ...(emporium.mailboxUrl ? [`    Mailbox (dev)   ${emporium.mailboxUrl}`] : []),
        `    Try it          EMPORIUM_URL=${emporium.url} npm run demo`,
        '',
      ].join('\n') + '\n',
    );
  }

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    // A Ctrl-C reaches us twice under `npm start` (from the terminal and relayed by npm), so a
    // repeated signal is not a request to hurry; a stop that hangs is cut short by the timer.
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    setTimeout(() => {
      logger.error('did not stop within 30 s; exiting');
      process.exit(1);
    }, 30_000).unref();
    emporium.stop().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error('failed to stop cleanly', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`Emporium failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
