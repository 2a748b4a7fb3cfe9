import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
}

/**
 * Profiles this process's CPU from now until stop(), which writes a .cpuprofile (open it in
 * Chrome's DevTools or speedscope) and answers where the self time went: by package or source
 * file, and by function. Only the phase worth looking at is profiled, not the whole benchmark.
 */
export async function startCpuProfile(): Promise<{ stop(file: string): Promise<{ byPlace: string[]; byFunction: string[] }> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
      session.disconnect();
      await writeFile(file, JSON.stringify(profile));
      const total = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0) || 1;
      const top = (key: (node: ProfileNode) => string, count: number) => {
        const hits = new Map<string, number>();
        for (const node of profile.nodes) hits.set(key(node), (hits.get(key(node)) ?? 0) + (node.hitCount ?? 0));
        return [...hits]
          .sort((a, b) => b[1] - a[1])
          .slice(0, count)
          .map(([name, n]) => `${((100 * n) / total).toFixed(1).padStart(5)} %  ${name}`);
      };
      return { byPlace: top((node) => placeOf(node.callFrame), 15), byFunction: top((node) => `${node.callFrame.functionName || '(anonymous)'} ${placeOf(node.callFrame)}:${node.callFrame.lineNumber + 1}`, 20) };
    },
  };
}

/** A package's name, a file of ours, or what V8 calls the rest ((garbage collector), (idle), (program)). */
function placeOf(frame: ProfileNode['callFrame']): string {
  if (!frame.url) return frame.functionName || '(native)';
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (inPackage) return inPackage[1]!;
  if (frame.url.startsWith('node:')) return frame.url;
  const ours = /\/((?:src|bench)\/.*)$/.exec(frame.url);
  return ours ? ours[1]! : frame.url;
}
