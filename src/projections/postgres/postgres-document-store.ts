import { createHash, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { inTransaction } from '../../postgres/transaction';
import type { CollectionSpec, DocumentChange, DocumentStore, FieldSpec, FindQuery, StoredDocument } from '../document-store';

/**
 * Read models as JSONB documents, one table per collection (rm_<name>): id, document (NULL for a
 * deleted one) and the checkpoint of the last event applied. A rebuild fills a shadow table and
 * swaps it in with two renames in one transaction.
 */
export class PostgresDocumentStore implements DocumentStore {
  constructor(private readonly pool: Pool) {}

  async ensureCollection(spec: CollectionSpec): Promise<void> {
    await this.createTable(tableOf(spec.name), spec, true);
  }

  async load<Doc>(collection: string, ids: readonly string[]): Promise<Map<string, StoredDocument<Doc>>> {
    if (ids.length === 0) return new Map();
    const { rows } = await this.pool.query<{ id: string; document: Doc | null; checkpoint_commit: string; checkpoint_position: string }>(
      kept(collection, `select id, document, checkpoint_commit, checkpoint_position from ${tableOf(collection)} where id = any($1::text[])`, [ids]),
    );
    return new Map(rows.map((row) => [row.id, { document: row.document, checkpoint: { commit: Number(row.checkpoint_commit), position: Number(row.checkpoint_position) } }]));
  }

  async save<Doc>(collection: string, changes: readonly DocumentChange<Doc>[]): Promise<void> {
    if (changes.length === 0) return;
    const table = tableOf(collection);
    // One statement for the whole batch; the checkpoint guard keeps a slower, older writer from
    // overwriting a newer document (two projector instances for a moment, say).
    // The batch travels as one JSON array: cheaper on both ends than four escaped array literals.
    await this.pool.query(
      kept(
        collection,
        `insert into ${table} (id, document, checkpoint_commit, checkpoint_position)
       select id, document, commit, position from jsonb_to_recordset($1::jsonb) as change(id text, document jsonb, commit bigint, position bigint)
       on conflict (id) do update
         set document = excluded.document, checkpoint_commit = excluded.checkpoint_commit, checkpoint_position = excluded.checkpoint_position
         where (${table}.checkpoint_commit, ${table}.checkpoint_position) < (excluded.checkpoint_commit, excluded.checkpoint_position)`,
        [JSON.stringify(changes.map((change) => ({ id: change.id, document: change.document, commit: change.checkpoint.commit, position: change.checkpoint.position })))],
      ),
    );
  }

  async get<Doc>(collection: string, id: string): Promise<Doc | null> {
    const { rows } = await this.pool.query<{ document: Doc }>(kept(collection, `select document from ${tableOf(collection)} where id = $1 and document is not null`, [id]));
    return rows[0]?.document ?? null;
  }

  async countBy(collection: string, path: string): Promise<Record<string, number>> {
    const { rows } = await this.pool.query<{ value: string | null; count: string }>(
      `select ${textAt(path)} as value, count(*) as count from ${tableOf(collection)} where document is not null group by 1`,
    );
    const counts: Record<string, number> = {};
    for (const row of rows) if (row.value !== null) counts[row.value] = Number(row.count);
    return counts;
  }

  async find<Doc>(collection: string, query: FindQuery): Promise<Doc[]> {
    const values: unknown[] = [];
    const parameter = (value: unknown) => {
      values.push(value);
      return `$${values.length}`;
    };
    const conditions = ['document is not null'];
    for (const [path, value] of Object.entries(query.where ?? {})) {
      conditions.push(`${textAt(path)} = ${parameter(String(value))}`);
    }
    if (query.anyOf) conditions.push(`${textAt(query.anyOf.path)} = any(${parameter(query.anyOf.values)}::text[])`);
    if (query.contains) {
      conditions.push(`${textAt(query.contains.path)} like ${parameter(`%${escapeLike(query.contains.text.toLowerCase())}%`)} escape '\\'`);
    }
    if (query.after) {
      // Keyset pagination over mixed directions: (k1 beyond a1) or (k1 = a1 and k2 beyond a2) or …
      const keys = query.sort.map((key, i) => ({ expression: sortExpression(key), cursor: `${parameter(query.after![i])}${key.type === 'number' ? '::numeric' : ''}`, beyond: key.direction === 'asc' ? '>' : '<' }));
      const alternatives = keys.map((key, i) => [...keys.slice(0, i).map((earlier) => `${earlier.expression} = ${earlier.cursor}`), `${key.expression} ${key.beyond} ${key.cursor}`].join(' and '));
      conditions.push(`(${alternatives.map((alternative) => `(${alternative})`).join(' or ')})`);
    }
    const order = query.sort.map((key) => `${sortExpression(key)} ${key.direction}`).join(', ');
    const { rows } = await this.pool.query<{ document: Doc }>(kept(collection, `select document from ${tableOf(collection)} where ${conditions.join(' and ')} order by ${order} limit ${parameter(query.limit)}`, values));
    return rows.map((row) => row.document);
  }

  async createShadow(spec: CollectionSpec): Promise<string> {
    const shadow = `${spec.name}__shadow_${randomBytes(4).toString('hex')}`;
    await this.createTable(tableOf(shadow), spec, false);
    return shadow;
  }

  async swap(collection: string, shadow: string): Promise<void> {
    const live = tableOf(collection);
    const retired = tableOf(`${collection}__retired_${randomBytes(4).toString('hex')}`);
    await inTransaction(this.pool, async (client) => {
      await client.query(`alter table if exists ${live} rename to ${retired}`);
      await client.query(`alter table ${tableOf(shadow)} rename to ${live}`);
      await client.query(`drop table if exists ${retired}`);
    });
  }

  async dump<Doc>(collection: string): Promise<Map<string, Doc>> {
    const { rows } = await this.pool.query<{ id: string; document: Doc }>(`select id, document from ${tableOf(collection)} where document is not null`);
    return new Map(rows.map((row) => [row.id, row.document]));
  }

  private async createTable(table: string, spec: CollectionSpec, ifMissing: boolean): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      // Two processes may ensure one collection at once; they take turns.
      await client.query('select pg_advisory_xact_lock(7002, hashtext($1))', [table]);
      const { rows } = await client.query<{ exists: boolean }>('select to_regclass($1) is not null as exists', [table]);
      if (ifMissing && rows[0]!.exists) return;
      await client.query(`create table ${table} (
        id text primary key, document jsonb, checkpoint_commit bigint not null, checkpoint_position bigint not null)`);
      // Unnamed indexes: PostgreSQL names them, so that a shadow table's never clash with the live one's.
      for (const fields of spec.indexes) await client.query(`create index on ${table} (${fields.map(sortExpression).join(', ')})`);
    });
  }
}

const statementNames = new Map<string, string>();
/**
 * A statement on a live collection under a name of its own: each connection parses and plans it
 * once, where an unnamed statement is planned at every call (the lookup of an order's vendor
 * documents took 0.15 ms to plan and 0.03 ms to run). The shapes are few: one per query the code
 * makes. A shadow's statements stay unnamed, as each rebuild makes a shadow of another name.
 */
function kept(collection: string, text: string, values: unknown[]): { name?: string; text: string; values: unknown[] } {
  if (collection.includes('__shadow_')) return { text, values };
  let name = statementNames.get(text);
  if (!name) statementNames.set(text, (name = `emporium_documents_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`));
  return { name, text, values };
}

function tableOf(collection: string): string {
  if (!/^[a-z][a-z0-9_]{0,50}$/.test(collection)) throw new RangeError(`Not a collection name: ${collection}`);
  return `rm_${collection}`;
}

function jsonPath(path: string): string {
  if (!/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/.test(path)) throw new RangeError(`Not a field path: ${path}`);
  return `'{${path.split('.').join(',')}}'`;
}
const textAt = (path: string) => `(document #>> ${jsonPath(path)})`;
/** Text compares byte-wise ("C"), as MongoDB's default does, so both stores order alike. */
const sortExpression = (field: FieldSpec) => (field.type === 'number' ? `(${textAt(field.path)}::numeric)` : `(${textAt(field.path)} collate "C")`);
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);
