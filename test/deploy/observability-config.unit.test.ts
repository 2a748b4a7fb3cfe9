import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { exposeProcessMetrics, registry } from '../../src/observability/metrics';

/*
 * The Grafana dashboard and the Prometheus alert rules in deploy/ query metrics by name: a name or
 * a label that the app does not export would leave a panel empty and an alert silent, with no
 * error anywhere. Every selector in them is checked against what src/observability/metrics.ts
 * registers (the same registry /metrics serves).
 */
const root = path.resolve(__dirname, '../..');

/** Each exported series name and the labels it may carry. */
function exportedSeries(): Map<string, Set<string>> {
  // As every role's /metrics serves them.
  exposeProcessMetrics();
  const series = new Map<string, Set<string>>();
  // Labels Prometheus adds at scrape time (deploy/prometheus/prometheus.yml).
  const scraped = ['job', 'instance', 'role'];
  for (const metric of registry.getMetricsAsArray()) {
    const { name, labelNames = [] } = metric as unknown as { name: string; labelNames?: string[] };
    const labels = new Set([...labelNames, ...scraped]);
    const type = (metric as unknown as { type: string }).type;
    if (type === 'histogram') {
      series.set(`${name}_bucket`, new Set([...labels, 'le']));
      series.set(`${name}_sum`, labels);
      series.set(`${name}_count`, labels);
    } else series.set(name, labels);
  }
  return series;
}

/** The metric selectors of a PromQL expression: names, and the label names they match on. */
function selectors(expr: string): { name: string; labels: string[] }[] {
  const found: { name: string; labels: string[] }[] = [];
  for (const match of expr.matchAll(/\b((?:emporium|process|nodejs)_[a-z0-9_]+)(\{([^}]*)\})?/g)) {
    const labels = [...(match[3] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)/g)].map((label) => label[1]!);
    found.push({ name: match[1]!, labels });
  }
  return found;
}

function groupingLabels(expr: string): string[] {
  return [...expr.matchAll(/\b(?:by|without)\s*\(([^)]*)\)/g)].flatMap((match) => match[1]!.split(',').map((label) => label.trim()).filter(Boolean));
}

function checkQuery(where: string, expr: string, series: Map<string, Set<string>>): string[] {
  const problems: string[] = [];
  const used = selectors(expr);
  if (used.length === 0) problems.push(`${where}: no Emporium or Node metric in ${expr}`);
  for (const { name, labels } of used) {
    const known = series.get(name);
    if (!known) {
      problems.push(`${where}: no metric ${name}`);
      continue;
    }
    for (const label of labels) if (!known.has(label)) problems.push(`${where}: ${name} has no label ${label}`);
  }
  const everyLabel = new Set(used.flatMap(({ name }) => [...(series.get(name) ?? [])]));
  for (const label of groupingLabels(expr)) if (!everyLabel.has(label)) problems.push(`${where}: grouped by ${label}, which none of its metrics has`);
  return problems;
}

describe('deploy/grafana/dashboards/emporium.json', () => {
  const dashboard = JSON.parse(readFileSync(path.join(root, 'deploy/grafana/dashboards/emporium.json'), 'utf8')) as { uid: string; panels: { title: string; datasource: { uid: string }; targets: { expr: string }[] }[] };

  it('queries only metrics and labels the app exports, on the provisioned Prometheus', () => {
    const series = exportedSeries();
    const datasources = parse(readFileSync(path.join(root, 'deploy/grafana/provisioning/datasources/prometheus.yml'), 'utf8')) as { datasources: { uid: string }[] };
    expect(dashboard.panels.length).toBeGreaterThan(10);
    const problems = dashboard.panels.flatMap((panel) => {
      expect(datasources.datasources.map((source) => source.uid)).toContain(panel.datasource.uid);
      return panel.targets.flatMap((target) => checkQuery(panel.title, target.expr, series));
    });
    expect(problems).toEqual([]);
  });

  it('shows the journey, the APIs, the followers, payments and emails', () => {
    const queried = new Set(dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => selectors(target.expr).map(({ name }) => name.replace(/_(bucket|sum|count)$/, '')))));
    for (const name of ['emporium_order_to_email_seconds', 'emporium_http_request_duration_seconds', 'emporium_commands_total', 'emporium_subscription_lag_seconds', 'emporium_emails_total', 'emporium_payment_outcomes_total', 'emporium_orders']) expect(queried).toContain(name);
  });

  it('is mounted where the provisioning looks for it, in docker-compose.yml', () => {
    const provider = parse(readFileSync(path.join(root, 'deploy/grafana/provisioning/dashboards/emporium.yml'), 'utf8')) as { providers: { options: { path: string } }[] };
    const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')) as { services: Record<string, { volumes?: string[] }> };
    expect(compose.services.grafana!.volumes).toContain(`./deploy/grafana/dashboards:${provider.providers[0]!.options.path}:ro`);
  });
});

describe('deploy/prometheus/alerts.yml', () => {
  const rules = (parse(readFileSync(path.join(root, 'deploy/prometheus/alerts.yml'), 'utf8')) as { groups: { name: string; rules: { alert: string; expr: string; for?: string; labels: { severity: string }; annotations: { summary: string } }[] }[] }).groups.flatMap((group) => group.rules);

  it('alerts on projection lag, a stopped subscription, failing emails and payments past their deadline', () => {
    const on = (metric: string) => rules.filter((rule) => rule.expr.includes(metric)).map((rule) => rule.alert);
    expect(on('emporium_subscription_lag_seconds')).not.toEqual([]);
    expect(on('emporium_subscription_state')).not.toEqual([]);
    expect(on('emporium_emails_total')).not.toEqual([]);
    expect(on('emporium_payments_past_deadline')).not.toEqual([]);
  });

  it('queries only metrics and labels the app exports; each rule has a severity, a summary and a sound duration', () => {
    const series = exportedSeries();
    expect(rules.flatMap((rule) => checkQuery(rule.alert, rule.expr, series))).toEqual([]);
    for (const rule of rules) {
      expect(rule.alert).toMatch(/^Emporium[A-Z][A-Za-z]+$/);
      expect(['warning', 'critical']).toContain(rule.labels.severity);
      expect(rule.annotations.summary.length).toBeGreaterThan(10);
      if (rule.for !== undefined) expect(rule.for).toMatch(/^\d+[smh]$/);
    }
    expect(new Set(rules.map((rule) => rule.alert)).size).toBe(rules.length);
  });

  it('is loaded by the Prometheus configuration docker-compose.yml mounts', () => {
    const config = parse(readFileSync(path.join(root, 'deploy/prometheus/prometheus.yml'), 'utf8')) as { rule_files: string[] };
    const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')) as { services: Record<string, { volumes?: string[] }> };
    for (const file of config.rule_files) expect(compose.services.prometheus!.volumes!.some((volume) => volume.split(':')[1] === file)).toBe(true);
  });
});
