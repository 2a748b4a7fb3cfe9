/**
 * npm run bench — every benchmark in turn, each in a process of its own (as `npm run bench:<name>`
 * would run it), its output shown as it comes, then one table of every target line they printed.
 * Benchmarks that need a server which is not configured are left out, saying why.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const benchmarks: { name: string; needs?: { variable: string; why: string } }[] = [
  { name: 'append' },
  { name: 'http' },
  { name: 'checkout' },
  { name: 'rebuild' },
  { name: 'stock-history' },
  { name: 'relay', needs: { variable: 'KAFKA_BROKERS', why: 'a Kafka broker (scripts/test-servers.sh up; eval "$(scripts/test-servers.sh env)")' } },
];

interface Target {
  benchmark: string;
  what: string;
  figure: string;
  verdict: string;
}

function run(name: string): Promise<{ targets: Target[]; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), path.join(__dirname, `${name}.ts`)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const targets: Target[] = [];
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        // "target: <what>: <figure>, <met|MISSED>"
        const target = /^target: (.*): ([^:]*), (met|MISSED)\s*$/.exec(line);
        if (target) targets.push({ benchmark: name, what: target[1]!, figure: target[2]!, verdict: target[3]! });
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ targets, code }));
  });
}

async function main(): Promise<void> {
  const targets: Target[] = [];
  const notes: string[] = [];
  for (const { name, needs } of benchmarks) {
    if (needs && !process.env[needs.variable]) {
      notes.push(`bench:${name} left out: it needs ${needs.why}`);
      continue;
    }
    console.log(`\n=== bench:${name} ===`);
    const result = await run(name);
    targets.push(...result.targets);
    if (result.code !== 0) notes.push(`bench:${name} ended with exit code ${result.code}`);
  }
  const width = Math.max(...targets.map((target) => target.what.length), 6);
  console.log('\n=== summary ===');
  console.log(`${'benchmark'.padEnd(10)} | ${'target'.padEnd(width)} | ${'figure'.padStart(10)} | verdict`);
  for (const target of targets) console.log(`${target.benchmark.padEnd(10)} | ${target.what.padEnd(width)} | ${target.figure.padStart(10)} | ${target.verdict}`);
  const missed = targets.filter((target) => target.verdict === 'MISSED').length;
  console.log(`${targets.length - missed} met, ${missed} MISSED`);
  for (const note of notes) console.log(note);
  if (notes.some((note) => note.includes('exit code'))) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
