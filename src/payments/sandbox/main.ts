/**
 * npm run sandbox-gateway — the sandbox payment gateway as its own process.
 *   SANDBOX_PORT (default 4100), SANDBOX_WEBHOOK_URL (where Emporium takes webhooks),
 *   PAYMENT_WEBHOOK_SECRET, SANDBOX_API_KEY, SANDBOX_ANSWER_AFTER_MS, SANDBOX_DUPLICATE_AFTER_MS.
 */
import { listen } from '../../http/http-server';
import { jsonLogger } from '../../shared/logger';
import { SandboxGateway } from './sandbox-gateway';
import { sandboxServer } from './sandbox-server';

export async function runSandboxGateway(): Promise<void> {
  const logger = jsonLogger('info', { role: 'sandbox-gateway' });
  const required = (name: string) => {
    const value = process.env[name];
    if (!value) {
      process.stderr.write(`${name} is required\n`);
      process.exit(78);
    }
    return value;
  };
  const webhookUrl = required('SANDBOX_WEBHOOK_URL');
  const gateway = new SandboxGateway({
    webhookUrl: () => webhookUrl,
    webhookSecret: required('PAYMENT_WEBHOOK_SECRET'),
    logger,
    answerAfterMs: Number(process.env.SANDBOX_ANSWER_AFTER_MS ?? 200),
    ...(process.env.SANDBOX_DUPLICATE_AFTER_MS ? { duplicateAfterMs: Number(process.env.SANDBOX_DUPLICATE_AFTER_MS) } : {}),
  });
  const server = await listen(sandboxServer(gateway, required('SANDBOX_API_KEY')), Number(process.env.SANDBOX_PORT ?? 4100), process.env.HOST ?? '127.0.0.1');
  logger.info('sandbox payment gateway running', { url: server.url, webhookUrl });
  const stop = () => {
    void Promise.all([server.close(), gateway.stop()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

// Run as its own program (npm run sandbox-gateway), or as the role sandbox-gateway of src/main.ts.
if (require.main === module) void runSandboxGateway();
