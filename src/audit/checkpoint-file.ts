import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { newCheckpointKeyPem, type LogCheckpoint } from './log-integrity';

/**
 * Signed checkpoints of the log, kept apart from it: one JSON line each, in a file, by default
 * `<data dir>/audit/log-checkpoints.jsonl`, signed with `<data dir>/audit/checkpoint-key.pem`.
 * Copy the file (and the public key) somewhere the database's administrators cannot write, and a
 * removed stream or a rewritten chain cannot go unseen.
 */
export const checkpointFiles = (dataDir: string) => ({
  checkpoints: path.join(dataDir, 'audit', 'log-checkpoints.jsonl'),
  key: path.join(dataDir, 'audit', 'checkpoint-key.pem'),
});

export async function keptCheckpointKey(file: string): Promise<string> {
  if (!existsSync(file)) {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await writeFile(file, newCheckpointKeyPem(), { mode: 0o600, flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
  return readFile(file, 'utf8');
}

export async function appendCheckpoint(file: string, checkpoint: LogCheckpoint): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await appendFile(file, JSON.stringify(checkpoint) + '\n', { mode: 0o600 });
}

export async function readCheckpoints(file: string): Promise<LogCheckpoint[]> {
  if (!existsSync(file)) return [];
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LogCheckpoint);
}
