import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { roleNames, type RoleName } from '../../src/app/roles/role-names';
import { roleConfigProblems } from '../../src/app/roles/start-role';
import { ConfigError, configVariables, loadConfig } from '../../src/config/config';
import { AccessTokens } from '../../src/identity/access-tokens';
import { renderGatewayConfig } from '../support/api-gateway';
import { needs } from '../support/needs';

/**
 * The Helm chart cannot be installed here (no cluster), so it is checked: by `helm lint`, by
 * rendering it with the default and the production values and validating every manifest against
 * the Kubernetes API's schemas (strict: an unknown field is an error) for the oldest and newest
 * Kubernetes it supports, and against what Emporium needs: each role's environment passes the
 * configuration's checks, probes ask the health endpoints, every name a manifest refers to is
 * there. HELM and KUBERNETES_VALIDATE come from scripts/deploy-tools.sh, which .ci/run runs.
 */
const root = path.resolve(__dirname, '../..');
const chart = path.join(root, 'deploy/helm/emporium');
const helm = process.env.HELM;
const kubernetesValidate = process.env.KUBERNETES_VALIDATE;
const { describe: describeWithHelm } = needs('the Helm chart tests', helm && kubernetesValidate ? null : 'HELM or KUBERNETES_VALIDATE is not set (eval "$(scripts/deploy-tools.sh)")');

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: unknown;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}
type Labels = Record<string, string>;
interface PodSpec {
  containers: Container[];
  volumes?: { name: string }[];
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number; runAsGroup?: number };
  automountServiceAccountToken?: boolean;
}
interface WorkloadSpec {
  replicas?: number;
  strategy?: unknown;
  template: { metadata: { labels: Labels }; spec: PodSpec };
  volumeClaimTemplates?: { metadata: { name: string } }[];
}
interface ServiceSpec {
  selector: Labels;
  ports: { port: number; targetPort: string }[];
}
interface IngressSpec {
  rules: { http: { paths: { path: string; backend: { service: { name: string; port: { number: number } } } }[] } }[];
}
interface AutoscalerSpec {
  scaleTargetRef: { name: string };
  maxReplicas: number;
}
interface BudgetSpec {
  selector: { matchLabels: Labels };
}
/** The spec of a manifest whose kind the caller has checked. */
const specOf = <T>(manifest: Manifest): T => manifest.spec as T;
interface Container {
  name: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } } }[];
  envFrom?: { configMapRef?: { name: string } }[];
  ports?: { name: string; containerPort: number }[];
  livenessProbe?: { httpGet?: { path: string; port: string } };
  readinessProbe?: { httpGet?: { path: string; port: string } };
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  volumeMounts?: { name: string; mountPath: string }[];
}

function runHelm(args: string[]): { status: number | null; stdout: string; stderr: string } {
  if (!helm) throw new Error('CI must check the Helm chart: HELM is not set (.ci/run sets it from scripts/deploy-tools.sh)');
  const result = spawnSync(helm, args, { encoding: 'utf8', env: { ...process.env, HELM_CACHE_HOME: path.join(tmpdir(), 'emporium-helm-cache') } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function render(values: string[] = [], set: string[] = []): { yaml: string; manifests: Manifest[] } {
  const result = runHelm(['template', 'shop', chart, '--namespace', 'shop', ...values.flatMap((file) => ['-f', path.join(chart, file)]), ...set.flatMap((value) => ['--set', value])]);
  if (result.status !== 0) throw new Error(`helm template failed: ${result.stderr}`);
  const manifests = parseAllDocuments(result.stdout)
    .map((document) => document.toJS() as Manifest | null)
    .filter((manifest): manifest is Manifest => manifest !== null);
  return { yaml: result.stdout, manifests };
}

const podSpecOf = (manifest: Manifest): PodSpec | null => (['Job', 'Deployment', 'StatefulSet'].includes(manifest.kind) ? specOf<WorkloadSpec>(manifest).template.spec : null);
/** The pod spec of a manifest known to have one. */
const podOf = (manifest: Manifest): PodSpec => podSpecOf(manifest) ?? (() => { throw new Error(`${manifest.kind} ${manifest.metadata.name} has no pods`); })();
const ofKind = (manifests: Manifest[], kind: string) => manifests.filter((manifest) => manifest.kind === kind);
const named = (manifests: Manifest[], kind: string, name: string) => {
  const found = manifests.find((manifest) => manifest.kind === kind && manifest.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} among ${manifests.map((m) => `${m.kind}/${m.metadata.name}`).join(', ')}`);
  return found;
};
const matches = (selector: Labels, labels: Labels = {}) => Object.entries(selector).every(([key, value]) => labels[key] === value);

/** What a role's container would see: the ConfigMap's values, then each variable, its secret keys given plausible values. */
function environmentOf(manifests: Manifest[], container: Container, secretValues: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = { HOST: '0.0.0.0', PORT: '3000', EMPORIUM_DATA_DIR: '/data' }; // the image's ENV
  for (const from of container.envFrom ?? []) Object.assign(env, named(manifests, 'ConfigMap', from.configMapRef!.name).data);
  for (const variable of container.env ?? []) {
    const ref = variable.valueFrom?.secretKeyRef;
    if (ref) {
      if (secretValues[ref.key] !== undefined) env[variable.name] = secretValues[ref.key]!;
      else if (!ref.optional) throw new Error(`${container.name} needs the secret key ${ref.key}, which has no value`);
    } else env[variable.name] = variable.value!;
  }
  return env;
}

/** What an operator's existingSecret holds, as the README and values.yaml list it. */
const existingSecretValues: Record<string, string> = {
  DATABASE_URL: 'postgres://emporium:pw@db.internal:5432/emporium',
  EVENTSTORE_URL: 'esdb://esdb.internal:2113?tls=true',
  MONGO_URL: 'mongodb://emporium:pw@mongo.internal:27017/emporium',
  SMTP_URL: 'smtps://mailer:pw@smtp.example.org:465',
  TWILIO_AUTH_TOKEN: 'twilio-auth-token',
  PAYMENT_WEBHOOK_SECRET: 'whsec_0123456789abcdef0123',
  SHIPPING_WEBHOOK_SECRET: 'whsec_carrier_0123456789abcdef',
  PAYMENT_GATEWAY_API_KEY: 'sk_live_0123456789',
  EMPORIUM_ADMIN_PASSWORD: 'a long admin passphrase',
  EMPORIUM_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
};

describeWithHelm('the Helm chart (deploy/helm/emporium)', () => {
  const cases = [
    { name: 'default values (embedded profile)', values: [] as string[] },
    { name: 'values-production.yaml (distributed profile)', values: ['values-production.yaml'] },
  ];

  describe.each(cases)('with the $name', ({ values }) => {
    let rendered: ReturnType<typeof render>;
    beforeAll(() => {
      rendered = render(values);
    });

    it('passes helm lint --strict', () => {
      const result = runHelm(['lint', '--strict', chart, ...values.flatMap((file) => ['-f', path.join(chart, file)])]);
      expect({ status: result.status, output: result.stdout + result.stderr }).toMatchObject({ status: 0 });
      expect(result.stdout).toContain('0 chart(s) failed');
    });

    it.each(['1.27.0', '1.37.0'])('renders manifests valid by the Kubernetes %s API schemas, unknown fields refused', (version) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'emporium-chart-'));
      try {
        const file = path.join(dir, 'manifests.yaml');
        writeFileSync(file, rendered.yaml);
        const result = spawnSync(kubernetesValidate!, ['--strict', '--quiet', '-k', version, file], { encoding: 'utf8' });
        expect({ status: result.status, output: result.stdout + result.stderr }).toEqual({ status: 0, output: '' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('runs every Emporium container as a non-root account on a read-only root, with resources requested and limited', () => {
      const pods = rendered.manifests.filter((manifest) => podSpecOf(manifest));
      expect(pods.length).toBeGreaterThan(0);
      for (const manifest of pods) {
        const pod = podOf(manifest);
        expect({ name: manifest.metadata.name, nonRoot: pod.securityContext?.runAsNonRoot, token: pod.automountServiceAccountToken }).toEqual({ name: manifest.metadata.name, nonRoot: true, token: false });
        for (const container of pod.containers) {
          expect({ name: container.name, readOnly: container.securityContext?.readOnlyRootFilesystem, escalation: container.securityContext?.allowPrivilegeEscalation }).toEqual({ name: container.name, readOnly: true, escalation: false });
          expect({ name: container.name, requests: Object.keys(container.resources?.requests ?? {}).sort(), limits: Object.keys(container.resources?.limits ?? {}).sort() }).toEqual({ name: container.name, requests: ['cpu', 'memory'], limits: ['cpu', 'memory'] });
          // Node and nginx write temporary files; the root is read-only, so /tmp is a volume.
          expect(container.volumeMounts?.map((mount) => mount.mountPath)).toContain('/tmp');
        }
      }
    });

    it('tells what was deployed, naming each workload, and where the shop answers (NOTES.txt)', () => {
      const result = runHelm(['install', 'shop', chart, '--dry-run=client', '--namespace', 'shop', ...values.flatMap((file) => ['-f', path.join(chart, file)])]);
      expect(result.status).toBe(0);
      const notes = result.stdout.slice(result.stdout.indexOf('NOTES:'));
      for (const workload of rendered.manifests.filter((manifest) => manifest.kind === 'Deployment' || manifest.kind === 'StatefulSet')) expect(notes).toContain(workload.metadata.name);
      expect(notes).toMatch(/The shop answers at https?:\/\/[a-z.]+\//);
    });

    it('points every Service at pods that are there, on a port they name, and the Ingresses at those Services', () => {
      const workloads = rendered.manifests.filter((manifest) => manifest.kind === 'Deployment' || manifest.kind === 'StatefulSet');
      for (const service of ofKind(rendered.manifests, 'Service')) {
        const targets = workloads.filter((workload) => matches(specOf<ServiceSpec>(service).selector, specOf<WorkloadSpec>(workload).template.metadata.labels));
        expect({ service: service.metadata.name, targets: targets.length }).toEqual({ service: service.metadata.name, targets: 1 });
        const ports = podOf(targets[0]!).containers.flatMap((container) => container.ports ?? []);
        for (const port of specOf<ServiceSpec>(service).ports) expect(ports.map((p) => p.name)).toContain(port.targetPort);
      }
      const ingresses = ofKind(rendered.manifests, 'Ingress');
      expect(ingresses.length).toBeGreaterThan(0);
      for (const ingress of ingresses) {
        for (const rule of specOf<IngressSpec>(ingress).rules) {
          for (const { backend } of rule.http.paths) {
            const service = named(rendered.manifests, 'Service', backend.service.name);
            expect(specOf<ServiceSpec>(service).ports.map((port) => port.port)).toContain(backend.service.port.number);
          }
        }
      }
    });

    it("limits each client at the Ingress controller, signing in more strictly, and never the payment gateway's or the carrier's webhook", () => {
      const ingresses = ofKind(rendered.manifests, 'Ingress');
      const byPath = new Map<string, Record<string, string>>();
      for (const ingress of ingresses) for (const rule of specOf<IngressSpec>(ingress).rules) for (const { path: p } of rule.http.paths) byPath.set(p, ingress.metadata.annotations ?? {});
      expect(byPath.get('/')?.['nginx.ingress.kubernetes.io/limit-rps']).toMatch(/^\d+$/);
      expect(byPath.get('/api/auth/login')?.['nginx.ingress.kubernetes.io/limit-rpm']).toMatch(/^\d+$/);
      expect(byPath.get('/api/auth/signup')?.['nginx.ingress.kubernetes.io/limit-rpm']).toMatch(/^\d+$/);
      expect(Object.keys(byPath.get('/api/payments/webhook') ?? { missing: '' }).filter((key) => key.includes('limit'))).toEqual([]);
      expect(Object.keys(byPath.get('/api/shipping/webhook') ?? { missing: '' }).filter((key) => key.includes('limit'))).toEqual([]);
    });

    it('probes each Emporium container on its health endpoints, at the port it listens on', () => {
      for (const manifest of [...ofKind(rendered.manifests, 'Deployment'), ...ofKind(rendered.manifests, 'StatefulSet')]) {
        for (const container of podOf(manifest).containers) {
          if (manifest.metadata.name.endsWith('-router') || manifest.metadata.name.endsWith('-sandbox-gateway')) continue;
          expect({ name: manifest.metadata.name, live: container.livenessProbe?.httpGet, ready: container.readinessProbe?.httpGet }).toEqual({
            name: manifest.metadata.name,
            live: { path: '/health/live', port: 'http' },
            ready: { path: '/health/ready', port: 'http' },
          });
          expect(container.ports).toEqual([{ name: 'http', containerPort: 3000 }]);
        }
      }
    });
  });

  describe('the default values: the embedded profile', () => {
    let manifests: Manifest[];
    beforeAll(() => {
      manifests = render().manifests;
    });

    it('runs every role in one pod, one replica, on a persistent volume mounted where the image keeps its data', () => {
      const [shop, ...others] = ofKind(manifests, 'StatefulSet');
      expect(others).toEqual([]);
      expect(ofKind(manifests, 'Deployment')).toEqual([]);
      const spec = specOf<WorkloadSpec>(shop!);
      expect(spec.replicas).toBe(1);
      const container = spec.template.spec.containers[0]!;
      expect([...(container.command ?? []), ...(container.args ?? [])]).toEqual(['node', 'dist/main.js']);
      expect(container.volumeMounts).toContainEqual({ name: 'data', mountPath: '/data' });
      expect(spec.volumeClaimTemplates?.[0]?.metadata.name).toBe('data');
      expect(ofKind(manifests, 'Job')).toEqual([]);
    });

    it('makes a Secret the shop starts with: a 32-byte master key, an Ed25519 signing key the APIs can sign with, and a valid configuration', async () => {
      const secret = ofKind(manifests, 'Secret')[0]!;
      const values = secret.stringData!;
      expect(Buffer.from(values.EMPORIUM_MASTER_KEY!, 'base64')).toHaveLength(32);
      const token = await AccessTokens.fromPem(values['jwt-signing-key.pem']!).issue({ accountId: 'a', role: 'staff' });
      expect(token.split('.')).toHaveLength(3);
      // Kept across upgrades and uninstalls, and there before anything needs it.
      expect(secret.metadata.annotations).toMatchObject({ 'helm.sh/resource-policy': 'keep', 'helm.sh/hook': 'pre-install,pre-upgrade' });

      const container = podOf(ofKind(manifests, 'StatefulSet')[0]!).containers[0]!;
      const env = environmentOf(manifests, container, values);
      expect(env.JWT_SIGNING_KEY_FILE).toBe('/secrets/jwt-signing-key.pem');
      expect(container.volumeMounts).toContainEqual({ name: 'signing-key', mountPath: '/secrets', readOnly: true });
      expect(() => loadConfig(env, '/app')).not.toThrow();
    });

    it('makes a new master key at each install that has none, so no two shops share one', () => {
      const again = ofKind(render().manifests, 'Secret')[0]!.stringData!;
      expect(again.EMPORIUM_MASTER_KEY).not.toBe(ofKind(manifests, 'Secret')[0]!.stringData!.EMPORIUM_MASTER_KEY);
    });
  });

  describe('values-production.yaml: the distributed profile', () => {
    let manifests: Manifest[];
    let deployments: Manifest[];
    beforeAll(() => {
      manifests = render(['values-production.yaml']).manifests;
      deployments = ofKind(manifests, 'Deployment');
    });
    const roleOf = (deployment: Manifest) => {
      const container = podOf(deployment).containers[0]!;
      const args = [...(container.command ?? []), ...(container.args ?? [])];
      return args.includes('--role') ? (args[args.indexOf('--role') + 1] as RoleName) : null;
    };

    it('runs a Deployment for each role but the sandbox gateway (a real gateway is configured), the router in front', () => {
      expect(new Set(deployments.map(roleOf).filter(Boolean))).toEqual(new Set(roleNames.filter((role) => role !== 'all' && role !== 'sandbox-gateway')));
      expect(deployments.map((d) => d.metadata.name)).toContain('shop-emporium-router');
      // The operator's Secret is used; the chart makes none.
      expect(ofKind(manifests, 'Secret')).toEqual([]);
    });

    it("gives each role an environment the configuration and the role accept, with only the secret keys it needs", () => {
      for (const deployment of deployments) {
        const role = roleOf(deployment);
        if (!role || role === 'sandbox-gateway' || role === 'all') continue;
        const container = podOf(deployment).containers[0]!;
        const env = environmentOf(manifests, container, existingSecretValues);
        for (const variable of Object.keys(env)) expect({ role, variable, known: variable in configVariables || variable.startsWith('OTEL_') }).toEqual({ role, variable, known: true });
        let problems: readonly string[];
        try {
          problems = roleConfigProblems(role, loadConfig(env, '/app'));
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
          problems = error.problems;
        }
        expect({ role, problems }).toEqual({ role, problems: [] });
        const secretKeys = (container.env ?? []).flatMap((variable) => (variable.valueFrom?.secretKeyRef ? [variable.valueFrom.secretKeyRef.key] : []));
        // The relay publishes integration events, which carry no personal data: no master key.
        if (role === 'relay') expect(secretKeys).not.toContain('EMPORIUM_MASTER_KEY');
        if (role !== 'command-api') expect(secretKeys).not.toContain('EMPORIUM_ADMIN_PASSWORD');
        const signingKey = (podOf(deployment).volumes ?? []).some((volume) => volume.name === 'signing-key');
        expect({ role, signingKey }).toEqual({ role, signingKey: role === 'command-api' || role === 'query-api' });
      }
    });

    it('sends text messages through Twilio when its account is given: the notification service alone holds the auth token', () => {
      const sid = `AC${'0123456789abcdef'.repeat(2)}`;
      const service = `MG${'fedcba9876543210'.repeat(2)}`;
      const twilio = render(['values-production.yaml'], [`external.twilio.accountSid=${sid}`, `external.twilio.from=${service}`]).manifests;
      for (const deployment of ofKind(twilio, 'Deployment')) {
        const role = roleOf(deployment);
        if (!role) continue;
        const container = podOf(deployment).containers[0]!;
        const secretKeys = (container.env ?? []).flatMap((variable) => (variable.valueFrom?.secretKeyRef ? [variable.valueFrom.secretKeyRef.key] : []));
        expect({ role, token: secretKeys.includes('TWILIO_AUTH_TOKEN') }).toEqual({ role, token: role === 'notification-service' });
        if (role === 'notification-service') expect(loadConfig(environmentOf(twilio, container, existingSecretValues), '/app').sms).toEqual({ kind: 'twilio', accountSid: sid, authToken: 'twilio-auth-token', from: service, apiUrl: 'https://api.twilio.com' });
      }
      expect(runHelm(['template', 'shop', chart, '-f', path.join(chart, 'values-production.yaml'), '--set', `external.twilio.accountSid=${sid}`]).stderr).toContain('external.twilio.from is needed');
      expect(runHelm(['template', 'shop', chart, '--set', 'external.twilio.accountSid=SK123']).stderr).toContain("at '/external/twilio/accountSid'");
      // A number written bare in YAML is a number, and loses its +: the schema asks for it quoted.
      expect(runHelm(['template', 'shop', chart, '--set', `external.twilio.accountSid=${sid}`, '--set', 'external.twilio.from=+447700900000']).stderr).toContain("at '/external/twilio/from': got number, want string");
    });

    it('rolls out without dropping a pod first, keeps one of each role through a drain, and autoscales the stateless and Kafka-fed roles', () => {
      for (const deployment of deployments) {
        expect({ name: deployment.metadata.name, strategy: specOf<WorkloadSpec>(deployment).strategy }).toEqual({ name: deployment.metadata.name, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } } });
        const budgets = ofKind(manifests, 'PodDisruptionBudget').filter((budget) => matches(specOf<BudgetSpec>(budget).selector.matchLabels, specOf<WorkloadSpec>(deployment).template.metadata.labels));
        expect({ name: deployment.metadata.name, budgets: budgets.length }).toEqual({ name: deployment.metadata.name, budgets: 1 });
      }
      const autoscalers = ofKind(manifests, 'HorizontalPodAutoscaler');
      const scaled = autoscalers.map((hpa) => roleOf(named(manifests, 'Deployment', specOf<AutoscalerSpec>(hpa).scaleTargetRef.name)));
      expect(new Set(scaled)).toEqual(new Set(['command-api', 'query-api', 'order-service', 'notification-service']));
      const partitions = Number(named(manifests, 'ConfigMap', 'shop-emporium-config').data!.KAFKA_PARTITIONS);
      for (const hpa of autoscalers) {
        const { scaleTargetRef, maxReplicas } = specOf<AutoscalerSpec>(hpa);
        const deployment = named(manifests, 'Deployment', scaleTargetRef.name);
        // The autoscaler owns the replica count; a count in the Deployment would fight it at each upgrade.
        expect(specOf<WorkloadSpec>(deployment).replicas).toBeUndefined();
        if (['order-service', 'notification-service'].includes(roleOf(deployment)!)) expect(maxReplicas).toBeLessThanOrEqual(partitions);
      }
      // The lease holders stand by in pairs: one works, the other takes over.
      for (const role of ['projector', 'relay']) expect(specOf<WorkloadSpec>(deployments.find((d) => roleOf(d) === role)!).replicas).toBe(2);
    });

    it('migrates the database in a Job before the pods of an install or an upgrade start', () => {
      const job = ofKind(manifests, 'Job')[0]!;
      expect(job.metadata.annotations).toMatchObject({ 'helm.sh/hook': 'pre-install,pre-upgrade' });
      const container = podOf(job).containers[0]!;
      expect(container.command).toEqual(['node', 'bin/emporium-admin.js', 'migrate-database']);
      expect(container.env).toEqual([{ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'shop-emporium-secrets', key: 'DATABASE_URL' } } }]);
    });

    it('routes through deploy/nginx\'s gateway configuration, given every value it needs', () => {
      const config = named(manifests, 'ConfigMap', 'shop-emporium-router');
      expect(config.data!['emporium.conf.template']!.trim()).toBe(readFileSync(path.join(root, 'deploy/nginx/emporium.conf.template'), 'utf8').trim());
      const container = podOf(named(manifests, 'Deployment', 'shop-emporium-router')).containers[0]!;
      const env = Object.fromEntries((container.env ?? []).map((variable) => [variable.name, variable.value!]));
      expect(() => renderGatewayConfig(env)).not.toThrow();
      expect(env.EMPORIUM_COMMAND_API).toBe('shop-emporium-command-api:3000');
      expect(env.EMPORIUM_QUERY_API).toBe('shop-emporium-query-api:3000');
    });
  });

  describe('the distributed profile with a Secret the chart makes, and a sandbox gateway', () => {
    const set = ['profile=distributed', 'external.postgres.url=postgres://u:p@db:5432/shop', 'external.eventstoredb.url=esdb://esdb:2113?tls=false', 'external.mongodb.url=mongodb://mongo:27017/shop', 'external.kafka.brokers=kafka:9092'];
    let manifests: Manifest[];
    beforeAll(() => {
      manifests = render([], set).manifests;
    });

    it('makes the Secret before the migration Job, and sends the sandbox\'s webhooks through the router', () => {
      const secret = ofKind(manifests, 'Secret')[0]!;
      const job = ofKind(manifests, 'Job')[0]!;
      expect(Number(secret.metadata.annotations!['helm.sh/hook-weight'])).toBeLessThan(Number(job.metadata.annotations!['helm.sh/hook-weight']));
      const sandbox = podOf(named(manifests, 'Deployment', 'shop-emporium-sandbox-gateway')).containers[0]!;
      expect(sandbox.env).toContainEqual({ name: 'SANDBOX_WEBHOOK_URL', value: 'http://shop-emporium-router:8080/api/payments/webhook' });
      const orders = named(manifests, 'Deployment', 'shop-emporium-order-service');
      const env = environmentOf(manifests, podOf(orders).containers[0]!, secret.stringData!);
      expect(env.PAYMENT_GATEWAY_URL).toBe('http://shop-emporium-sandbox-gateway:4100');
      expect(roleConfigProblems('order-service', loadConfig(env, '/app'))).toEqual([]);
    });

    it('refuses to render without the servers it needs, or with more consumers than partitions, saying which value', () => {
      const withoutDatabase = runHelm(['template', 'shop', chart, ...set.filter((value) => !value.startsWith('external.postgres')).flatMap((value) => ['--set', value])]);
      expect(withoutDatabase.status).not.toBe(0);
      expect(withoutDatabase.stderr).toContain('external.postgres.url is needed by the distributed profile');
      const tooMany = runHelm(['template', 'shop', chart, ...[...set, 'roles.orderService.autoscaling.maxReplicas=7'].flatMap((value) => ['--set', value])]);
      expect(tooMany.status).not.toBe(0);
      expect(tooMany.stderr).toContain("the order-service's maxReplicas (7) is more than external.kafka.partitions (6)");
    });
  });

  it('refuses a misspelt or malformed value, naming it, instead of ignoring it (values.schema.json)', () => {
    const typo = runHelm(['template', 'shop', chart, '--set', 'roles.projector.replica=3']);
    expect(typo.status).not.toBe(0);
    expect(typo.stderr).toContain("at '/roles/projector': additional properties 'replica' not allowed");
    const shortKey = runHelm(['template', 'shop', chart, '--set', 'secrets.masterKey=too-short']);
    expect(shortKey.status).not.toBe(0);
    expect(shortKey.stderr).toContain("at '/secrets/masterKey'");
    const wrongScheme = runHelm(['template', 'shop', chart, '--set', 'external.postgres.url=mysql://db/shop']);
    expect(wrongScheme.stderr).toContain("at '/external/postgres/url'");
  });

  it('runs the image as the account the Dockerfile names, and the version the package has', () => {
    const user = /^USER (\d+):(\d+)$/m.exec(readFileSync(path.join(root, 'Dockerfile'), 'utf8'));
    const pod = podOf(ofKind(render().manifests, 'StatefulSet')[0]!);
    expect([pod.securityContext?.runAsUser, pod.securityContext?.runAsGroup]).toEqual([Number(user?.[1]), Number(user?.[2])]);
    const chartFile = parse(readFileSync(path.join(chart, 'Chart.yaml'), 'utf8')) as { appVersion: string };
    expect(chartFile.appVersion).toBe((JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version);
  });
});
