import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { needs } from '../support/needs';

/*
 * Prometheus's own promtool checks the alert rules, unit-tests them (deploy/prometheus/alerts.test.yml:
 * each alert fires on the series it is for and stays quiet on the others) and checks the scrape
 * configuration. PROMTOOL names it: `export PROMTOOL=$(scripts/promtool.sh)`, as .ci/run does.
 */
const root = path.resolve(__dirname, '../..');
const promtool = process.env.PROMTOOL;
const { it: itWithPromtool } = needs('the promtool checks', promtool ? null : 'PROMTOOL is not set (export PROMTOOL=$(scripts/promtool.sh))');

function run(...args: string[]): string {
  if (!promtool) throw new Error('PROMTOOL is not set: under CI the promtool checks must run (export PROMTOOL=$(scripts/promtool.sh))');
  return execFileSync(promtool, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('deploy/prometheus, checked by promtool', () => {
  itWithPromtool('has alert rules promtool accepts', () => {
    expect(run('check', 'rules', 'deploy/prometheus/alerts.yml')).toContain('SUCCESS: 5 rules found');
  });

  itWithPromtool('passes the rules unit tests: each alert fires when it should and only then', () => {
    expect(run('test', 'rules', 'deploy/prometheus/alerts.test.yml')).toContain('SUCCESS');
  });

  itWithPromtool('has a scrape configuration promtool accepts', () => {
    expect(run('check', 'config', '--syntax-only', 'deploy/prometheus/prometheus.yml')).toContain('SUCCESS');
  });
});
