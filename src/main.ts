// First: tracing, when asked for, must be running before what it instruments is loaded.
import { stopTelemetry } from './observability/telemetry';
import { startRole } from './app/roles/start-role';
import { ConfigError, loadConfig } from './config/config';
import { roleArgument } from './config/role-argument';
import { runSandboxGateway } from './payments/sandbox/main';
import { jsonLogger } from './shared/logger';

async function main(): Promise<void> {
  let config;
  try {
    const role = roleArgument(process.argv.slice(2));
    config = loadConfig(role === undefined ? process.env : { ...process.env, EMPORIUM_ROLE: role });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  if (config.role === 'sandbox-gateway') {
    // The sandbox payment gateway, its own small program (SANDBOX_* variables).
    await runSandboxGateway();
    return;
  }
  const logger = jsonLogger(config.logLevel, config.role === 'all' ? {} : { role: config.role });
  let emporium;
  try {
    emporium = await startRole(config.role, config, logger);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
  logger.info(config.role === 'all' ? 'Emporium is running' : `Emporium's ${config.role} is running`, {
    url: emporium.url,
    openapi: `${emporium.url}/api/openapi.json`,
    health: `${emporium.url}/health`,
    mailbox: emporium.mailboxUrl,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
  });
  if (process.stdout.isTTY && config.role === 'all') {
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
    // The spans of the last work are flushed after it has stopped.
    emporium.stop().then(stopTelemetry).then(
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
