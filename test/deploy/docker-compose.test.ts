import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'yaml';
import { roleNames } from '../../src/app/roles/role-names';
import { roleConfigProblems } from '../../src/app/roles/start-role';
import { ConfigError, configVariables, loadConfig } from '../../src/config/config';
import { renderGatewayConfig } from '../support/api-gateway';
import { needs } from '../support/needs';

/**
 * The compose files cannot run here (no Docker engine), so they are checked: against the Compose
 * Specification's own schema (compose-go's, fetched by scripts/compose-spec-schema.sh), and against
 * what Emporium needs: every role's environment passes the configuration's checks, every service
 * depended on can say it is healthy, every address names a service, every port is published once.
 */
const root = path.resolve(__dirname, '../..');
const schemaFile = process.env.COMPOSE_SPEC_SCHEMA;
const { it: itWithSchema } = needs('the Compose Specification schema check', schemaFile ? null : 'COMPOSE_SPEC_SCHEMA is not set (export COMPOSE_SPEC_SCHEMA=$(scripts/compose-spec-schema.sh))');

interface Service {
  image?: string;
  build?: string | { context: string; dockerfile?: string };
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
  volumes?: string[];
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const load = (file: string) => parse(readFileSync(path.join(root, file), 'utf8'), { merge: true }) as ComposeFile;
const files = ['docker-compose.yml', 'docker-compose.embedded.yml'];
/** The ports the servers' images listen on. */
const containerPorts: Record<string, number> = { postgres: 5432, eventstoredb: 2113, mongodb: 27017, kafka: 9092, mailpit: 1025, 'sandbox-gateway': 4100, gateway: 8080, zipkin: 9411 };

describe.each(files)('%s', (file) => {
  const compose = load(file);
  const services = Object.entries(compose.services);

  itWithSchema('is a valid Compose file by the Compose Specification schema', () => {
    if (!schemaFile) throw new Error('CI must check the compose files: COMPOSE_SPEC_SCHEMA is not set (.ci/run sets it)');
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
    expect(validate(compose) ? [] : validate.errors).toEqual([]);
  });

  it('gives every service an image or a build whose Dockerfile is here', () => {
    for (const [name, service] of services) {
      expect({ name, has: Boolean(service.image) !== Boolean(service.build) }).toEqual({ name, has: true });
      if (service.build) {
        const context = typeof service.build === 'string' ? service.build : service.build.context;
        expect(existsSync(path.join(root, context, typeof service.build === 'string' ? 'Dockerfile' : (service.build.dockerfile ?? 'Dockerfile')))).toBe(true);
      }
    }
  });

  it('runs each Emporium container as a known role, with an environment the configuration and the role accept', () => {
    const ours = services.filter(([, s]) => s.build && !s.command?.includes('bin/emporium-admin.js'));
    expect(ours.length).toBeGreaterThan(0);
    for (const [name, service] of ours) {
      // The image's default command is `node dist/main.js`: every role, in one process.
      const command = service.command ?? ['node', 'dist/main.js'];
      const role = command.includes('dist/payments/sandbox/main.js') ? 'sandbox-gateway' : command.includes('--role') ? command[command.indexOf('--role') + 1]! : 'all';
      expect(roleNames).toContain(role);
      const env = service.environment ?? {};
      // Set in the image (Dockerfile) for every container.
      const image = { HOST: '0.0.0.0', PORT: '3000', EMPORIUM_DATA_DIR: '/data' };
      const sandboxVariables = ['SANDBOX_PORT', 'SANDBOX_WEBHOOK_URL', 'SANDBOX_API_KEY', 'SANDBOX_ANSWER_AFTER_MS', 'SANDBOX_DUPLICATE_AFTER_MS'];
      // OTEL_* are OpenTelemetry's own variables, read by its SDK (src/observability/telemetry.ts).
      for (const variable of Object.keys(env)) expect({ name, variable, known: variable in configVariables || variable.startsWith('OTEL_') || (role === 'sandbox-gateway' && sandboxVariables.includes(variable)) }).toEqual({ name, variable, known: true });
      if (role === 'sandbox-gateway') continue;
      let problems: readonly string[] = [];
      try {
        const config = loadConfig({ ...image, ...env }, '/app');
        if (role !== 'all') problems = roleConfigProblems(role as Parameters<typeof roleConfigProblems>[0], config);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        problems = error.problems;
      }
      expect({ name, problems }).toEqual({ name, problems: [] });
    }
  });

  it('names services that are there, with the ports they listen on, wherever an address is given', () => {
    const names = new Set(Object.keys(compose.services));
    for (const [name, service] of services) {
      for (const [variable, value] of Object.entries(service.environment ?? {})) {
        const addresses = /(?:URL|BROKERS|_API|ENDPOINT)$/.test(variable) ? value.split(',').map((address) => (/^[a-z+]+:\/\//.test(address) ? new URL(address) : new URL(`tcp://${address}`))) : [];
        for (const address of addresses) {
          expect({ name, variable, host: names.has(address.hostname) }).toEqual({ name, variable, host: true });
          const expected = containerPorts[address.hostname] ?? 3000;
          expect({ name, variable, port: Number(address.port) }).toEqual({ name, variable, port: expected });
        }
      }
    }
  });

  it('makes each service wait only for services that can say they are ready, and publishes each host port once', () => {
    for (const [name, service] of services) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        const target = compose.services[dependency];
        expect({ name, dependency, there: Boolean(target) }).toEqual({ name, dependency, there: true });
        if (condition === 'service_healthy') expect({ name, dependency, healthcheck: Boolean(target?.healthcheck) }).toEqual({ name, dependency, healthcheck: true });
      }
    }
    const published = services.flatMap(([, service]) => (service.ports ?? []).map((port) => port.split(':')[0]));
    expect(new Set(published).size).toBe(published.length);
    const named = Object.keys(compose.volumes ?? {});
    for (const [, service] of services) for (const volume of service.volumes ?? []) if (!/^[./]/.test(volume)) expect(named).toContain(volume.split(':')[0]);
  });
});

describe('docker-compose.yml, the distributed profile', () => {
  const compose = load('docker-compose.yml');

  it('runs every role of the distributed profile, and the servers the design names', () => {
    const roles = Object.values(compose.services).flatMap((service) => (service.command?.includes('--role') ? [service.command[service.command.indexOf('--role') + 1]] : []));
    expect(new Set(roles)).toEqual(new Set(roleNames.filter((role) => role !== 'all')));
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['eventstoredb', 'mongodb', 'kafka', 'postgres', 'mailpit', 'gateway']));
  });

  it('gives the gateway every value its template needs, and mounts the template where the nginx image renders it', () => {
    const gateway = compose.services.gateway!;
    expect(() => renderGatewayConfig(gateway.environment ?? {})).not.toThrow();
    expect(gateway.volumes).toContain('./deploy/nginx/emporium.conf.template:/etc/nginx/templates/emporium.conf.template:ro');
    // The sandbox's webhooks come in through the gateway, as a real provider's would.
    expect(compose.services['sandbox-gateway']!.environment!.SANDBOX_WEBHOOK_URL).toBe('http://gateway:8080/api/payments/webhook');
  });
});
