import { MongoClient } from 'mongodb';
import type { Pool } from 'pg';
import type { EventStore } from '../../src/event-store/event-store';

/**
 * Where any of these texts (a person's name, email, address) is still written: every table of a
 * PostgreSQL database, in every schema, read as text; every collection of a MongoDB database; every
 * event of an event store as written. Each hit is "where: text".
 */
export async function postgresOccurrences(pool: Pool, texts: readonly string[]): Promise<string[]> {
  const { rows: tables } = await pool.query<{ name: string }>(
    `select format('%I.%I', table_schema, table_name) as name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
  );
  const hits: string[] = [];
  for (const { name } of tables) {
    for (const text of texts) {
      const { rows } = await pool.query<{ n: number }>(`select count(*)::int as n from ${name} t where strpos(lower(t::text), lower($1)) > 0`, [text]);
      if (rows[0]!.n > 0) hits.push(`${name}: ${text}`);
    }
  }
  return hits;
}

export async function mongoOccurrences(url: string, texts: readonly string[]): Promise<string[]> {
  const client = new MongoClient(url);
  try {
    await client.connect();
    const db = client.db();
    const hits: string[] = [];
    for (const { name } of await db.listCollections().toArray()) {
      const documents = JSON.stringify(await db.collection(name).find({}).toArray()).toLowerCase();
      for (const text of texts) if (documents.includes(text.toLowerCase())) hits.push(`${db.databaseName}.${name}: ${text}`);
    }
    return hits;
  } finally {
    await client.close();
  }
}

export async function eventStoreOccurrences(store: EventStore, texts: readonly string[]): Promise<string[]> {
  const hits = new Set<string>();
  for await (const batch of store.readAll({ batchSize: 1_000 })) {
    for (const event of batch) {
      const written = JSON.stringify({ data: event.data, metadata: event.metadata }).toLowerCase();
      for (const text of texts) if (written.includes(text.toLowerCase())) hits.add(`${event.streamId}@${event.revision} ${event.type}: ${text}`);
    }
  }
  return [...hits];
}
