import { styleText } from 'node:util';

/** Exit codes scripts can rely on. */
export const exitCodes = { ok: 0, discrepancy: 1, usage: 2 } as const;

export type OutputMode = 'human' | 'json' | 'jsonl';

/**
 * How a command speaks: tables and words for a person (colour only on a terminal), one JSON
 * document (`--json`) or one JSON object per line (`--jsonl`) for a program. Progress goes to
 * stderr, so that it never mixes with what a script reads.
 */
export class Output {
  constructor(
    readonly mode: OutputMode,
    private readonly out: NodeJS.WriteStream = process.stdout,
    private readonly err: NodeJS.WriteStream = process.stderr,
  ) {}

  get human(): boolean {
    return this.mode === 'human';
  }

  /** The machine form: the whole value (`--json`), or each item of `lines` on a line of its own (`--jsonl`). */
  data(value: unknown, lines: readonly unknown[] = Array.isArray(value) ? value : [value]): void {
    if (this.mode === 'json') this.out.write(JSON.stringify(value, null, 2) + '\n');
    else if (this.mode === 'jsonl') for (const line of lines) this.out.write(JSON.stringify(line) + '\n');
  }

  line(text = ''): void {
    if (this.human) this.out.write(text + '\n');
  }

  style(text: string, format: Parameters<typeof styleText>[0]): string {
    return this.out.isTTY ? styleText(format, text) : text;
  }

  table(rows: readonly Record<string, unknown>[], columns: readonly string[]): void {
    if (!this.human) return;
    const cell = (value: unknown) => (value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value));
    const widths = columns.map((column) => Math.min(60, Math.max(column.length, ...rows.map((row) => cell(row[column]).length))));
    const fit = (text: string, width: number) => (text.length > width ? text.slice(0, width - 1) + '…' : text.padEnd(width));
    this.out.write(this.style(columns.map((column, i) => fit(column, widths[i]!)).join('  '), 'bold') + '\n');
    // The last column is written whole: it is where the detail is.
    const last = columns.length - 1;
    for (const row of rows) this.out.write(columns.map((column, i) => (i === last ? cell(row[column]) : fit(cell(row[column]), widths[i]!))).join('  ').trimEnd() + '\n');
  }

  /** A bar on a terminal; elsewhere a line every tenth of the way. */
  progress(label: string): { update(done: number, total?: number): void; done(): void } {
    let lastTenth = -1;
    return {
      update: (done, total) => {
        if (!this.err.isTTY) {
          const tenth = total ? Math.floor((done / total) * 10) : -1;
          if (total && tenth !== lastTenth) {
            lastTenth = tenth;
            this.err.write(`${label}: ${done} of ${total}\n`);
          }
          return;
        }
        const share = total ? Math.min(1, done / total) : 0;
        const bar = total ? `[${'#'.repeat(Math.round(share * 30)).padEnd(30)}] ${Math.round(share * 100)}%` : '';
        this.err.write(`\r${label} ${bar} ${done}${total ? `/${total}` : ''}`);
      },
      done: () => {
        if (this.err.isTTY) this.err.write('\n');
      },
    };
  }

  problem(text: string): void {
    this.err.write(`${this.err.isTTY ? styleText('red', 'error') : 'error'}: ${text}\n`);
  }
}
