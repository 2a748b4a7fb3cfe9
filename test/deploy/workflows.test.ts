import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { needs } from '../support/needs';

/**
 * The GitHub Actions pipeline cannot run here, so it is checked: by actionlint (from
 * scripts/deploy-tools.sh; it checks each `run:` script with shellcheck too, which .ci/run
 * installs), by shellcheck for the scripts it runs, and against what the pipeline must do.
 */
const root = path.resolve(__dirname, '../..');
const workflows = path.join(root, '.github/workflows');
const actionlint = process.env.ACTIONLINT;
const helm = process.env.HELM;
const { it: itWithActionlint } = needs('actionlint', actionlint ? null : 'ACTIONLINT is not set (eval "$(scripts/deploy-tools.sh)")');
const { it: itWithHelm } = needs("the deploy script's Helm options", helm ? null : 'HELM is not set (eval "$(scripts/deploy-tools.sh)")');
// actionlint checks the workflows' scripts with shellcheck only where shellcheck is installed.
const { it: itWithShellcheck } = needs('shellcheck', spawnSync('shellcheck', ['--version']).status === 0 ? null : 'shellcheck is not installed (apt-get install shellcheck)');

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  environment?: string;
  container?: { image: string; options?: string };
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  env: Record<string, string>;
  jobs: Record<string, Job>;
}

const pipeline = parse(readFileSync(path.join(workflows, 'ci.yml'), 'utf8')) as Workflow;

describe('the CI/CD pipeline (.github/workflows)', () => {
  itWithActionlint('passes actionlint', () => {
    if (!actionlint) throw new Error('CI must check the workflows: ACTIONLINT is not set (.ci/run sets it from scripts/deploy-tools.sh)');
    const files = readdirSync(workflows).map((file) => path.join(workflows, file));
    const result = spawnSync(actionlint, ['-no-color', ...files], { cwd: root, encoding: 'utf8' });
    expect({ status: result.status, output: result.stdout + result.stderr }).toEqual({ status: 0, output: '' });
  });

  itWithHelm('deploys with options the pinned Helm has', () => {
    if (!helm) throw new Error('CI must check the deploy script: HELM is not set (.ci/run sets it from scripts/deploy-tools.sh)');
    const script = readFileSync(path.join(root, 'scripts/deploy.sh'), 'utf8');
    const command = script.slice(script.indexOf('helm upgrade --install'), script.indexOf('helm status'));
    const used = [...command.matchAll(/\s(--[a-z-]+)/g)].map((match) => match[1]!);
    expect(used).toEqual(expect.arrayContaining(['--namespace', '--rollback-on-failure', '--wait']));
    const help = spawnSync(helm, ['upgrade', '--help'], { encoding: 'utf8' }).stdout;
    expect(used.filter((option) => !new RegExp(`\\s${option}[\\s=]`).test(help))).toEqual([]);
  });

  itWithShellcheck('runs deploy scripts that pass shellcheck', () => {
    const result = spawnSync('shellcheck', ['scripts/deploy.sh', 'scripts/deploy-tools.sh', 'scripts/smoke-image.sh'], { cwd: root, encoding: 'utf8' });
    expect({ status: result.status, output: result.stdout + result.stderr }).toEqual({ status: 0, output: '' });
  });

  it('tests every push and pull request the way .ci/run does here, as root on Debian', () => {
    expect(Object.keys(pipeline.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
    const test = pipeline.jobs.test!;
    expect(test.container?.image).toMatch(/^node:20-bookworm/);
    expect(test.steps.map((step) => step.run?.trim())).toContain('bash .ci/run');
  });

  it('pushes the image only from pushes to main and tags, after the tests, with the rights to write packages', () => {
    const image = pipeline.jobs.image!;
    expect(image.needs).toBe('test');
    expect(image.if).toBe("github.event_name == 'push'");
    expect(image.permissions).toMatchObject({ packages: 'write' });
    expect(image.steps.find((step) => step.uses?.startsWith('docker/build-push-action'))?.with).toMatchObject({ push: true });
    expect(pipeline.env.IMAGE).toBe('ghcr.io/${{ github.repository }}');
  });

  it('deploys the built digest with the chart: staging from main, production from a tag behind its environment\'s approval', () => {
    const staging = pipeline.jobs['deploy-staging']!;
    const production = pipeline.jobs['deploy-production']!;
    expect([staging.environment, staging.if]).toEqual(['staging', "github.ref == 'refs/heads/main'"]);
    expect([production.environment, production.if]).toEqual(['production', "startsWith(github.ref, 'refs/tags/v')"]);
    for (const job of [staging, production]) {
      expect(job.needs).toBe('image');
      expect(job.steps.map((step) => step.run)).toContain(`scripts/deploy.sh ${job.environment}`);
    }
    // The Helm the pipeline deploys with is the one the chart is checked with here.
    const checked = /^helm_version=(\S+)/m.exec(readFileSync(path.join(root, 'scripts/deploy-tools.sh'), 'utf8'))?.[1];
    expect(pipeline.env.HELM_VERSION).toBe(checked);
  });
});
