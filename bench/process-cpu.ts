import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Linux counts process CPU time in clock ticks of 10 ms (USER_HZ is 100 on every architecture Node runs on). */
const msPerTick = 10;

export interface CpuTimes {
  /** This process, every thread of it: where the benchmark runs the app, its load and its catchers too. */
  readonly thisProcess: number;
  /** The PostgreSQL server's processes, or undefined where it is not ours to see (BENCH_DATABASE_URL). */
  readonly postgres: number | undefined;
}

/**
 * CPU time used so far, in milliseconds, by this process and by the server whose cluster is in
 * `clusterDir`: the postmaster, its children alive now (backends, WAL writer, autovacuum), and those
 * it has reaped. Read from /proc, so it says what the machine spent, where a profile of this
 * process alone cannot: on two cores, PostgreSQL's share is most of the rest.
 */
export function cpuTimes(clusterDir: string | undefined): CpuTimes {
  const usage = process.cpuUsage();
  return { thisProcess: (usage.user + usage.system) / 1000, postgres: clusterDir ? serverCpu(clusterDir) : undefined };
}

function serverCpu(clusterDir: string): number | undefined {
  let postmaster: number;
  try {
    postmaster = Number(readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
  // /proc/<pid>/stat: the name in parentheses may hold spaces, so fields are counted after it.
  const fields = (pid: string | number) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fields(pid);
      const own = Number(pid) === postmaster;
      if (!own && Number(stat[1]) !== postmaster) continue;
      ticks += Number(stat[11]) + Number(stat[12]) + (own ? Number(stat[13]) + Number(stat[14]) : 0);
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks * msPerTick;
}

/** What each of `count` orders or requests cost in CPU between two readings, as a line of the benchmark's output. */
export function cpuPer(unit: 'order' | 'request', from: CpuTimes, to: CpuTimes, count: number, thisProcessIs: string): string {
  const per = (a: number, b: number) => ((b - a) / count).toFixed(2);
  const postgres = from.postgres !== undefined && to.postgres !== undefined ? `, PostgreSQL ${per(from.postgres, to.postgres)} ms` : '';
  return `CPU per ${unit}: this process (${thisProcessIs}) ${per(from.thisProcess, to.thisProcess)} ms${postgres}`;
}
