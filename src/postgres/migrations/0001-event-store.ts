/**
 * The event log. Written only through emporium_append(), which keeps the two properties the
 * subscriptions depend on: a stream's writers queue on an advisory lock, and each takes its
 * transaction id only once it holds that lock.
 */
export const eventStoreMigration = {
  version: 1,
  name: 'event store',
  sql: String.raw`
create table events (
  position        bigint generated always as identity primary key,
  transaction_id  xid8 not null,
  stream_id       text not null,
  revision        bigint not null,
  event_id        uuid not null,
  type            text not null,
  data            jsonb not null,
  metadata        jsonb not null,
  recorded_at     timestamptz not null default now(),
  previous_hash   bytea,
  hash            bytea not null,
  constraint events_stream_revision unique (stream_id, revision),
  constraint events_event_id unique (event_id)
);

-- Subscriptions read in (transaction_id, position) order; see PostgresEventStore.readPage.
create index events_commit_order on events (transaction_id, position);

create table subscription_checkpoints (
  subscription_id text primary key,
  transaction_id  xid8 not null,
  position        bigint not null,
  updated_at      timestamptz not null default now()
);

-- The revision and position of an earlier append of exactly these events to this stream: the same
-- ids and content (checked through the hash chain), consecutive. None if there was no such append.
create function emporium_find_replay(p_stream_id text, p_event_ids uuid[], p_digests bytea[])
returns table (last_revision bigint, last_position bigint, commit_id xid8)
language sql stable as $$
  with first as (select revision from events where event_id = p_event_ids[1] and stream_id = p_stream_id)
  select e.revision, e.position, e.transaction_id
    from first, events e
   where e.stream_id = p_stream_id and e.revision = first.revision + cardinality(p_event_ids) - 1
     and cardinality(p_event_ids) = (
       select count(*) from unnest(p_event_ids, p_digests) with ordinality as retry(event_id, digest, n)
         join events r on r.stream_id = p_stream_id and r.revision = first.revision + retry.n - 1
        where r.event_id = retry.event_id
          and r.hash = sha256(coalesce(r.previous_hash, ''::bytea) || retry.digest))
$$;

-- Raises ES409 on a wrong expected revision (detail: the actual revision, -1 for no stream). An
-- event id used before fails the events_event_id constraint; the caller then asks
-- emporium_find_replay whether this was a retry of an append that succeeded.
create function emporium_append(
  p_stream_id text,
  p_expected  text,          -- 'any' | 'no_stream' | 'stream_exists' | a revision
  p_event_ids uuid[],
  p_types     text[],
  p_data      jsonb[],
  p_metadata  jsonb[],
  p_digests   bytea[]        -- per event: SHA-256 of its canonical JSON (event-integrity.ts)
) returns table (last_revision bigint, last_position bigint, commit_id xid8)
language plpgsql as $$
declare
  v_count          int := cardinality(p_event_ids);
  v_xid            xid8;
  v_current        bigint;
  v_hash           bytea;
  v_previous_hash  bytea;
begin
  -- One writer per stream at a time. An advisory lock, unlike a row lock, does not assign a
  -- transaction id, so the id assigned right after it is larger than the id of every earlier
  -- writer of this stream (they committed before we got the lock). Delivery in transaction-id
  -- order therefore keeps each stream in revision order.
  perform pg_advisory_xact_lock(7001, hashtext(p_stream_id));
  v_xid := pg_current_xact_id();

  select e.revision, e.hash into v_current, v_hash
    from events e where e.stream_id = p_stream_id
    order by e.revision desc limit 1;
  if not found then
    v_current := -1;
  end if;

  if not (case p_expected
            when 'any' then true
            when 'no_stream' then v_current = -1
            when 'stream_exists' then v_current >= 0
            else v_current = p_expected::bigint
          end) then
    -- Perhaps a retry of an append that already succeeded, right after the revision the writer
    -- expected: then answer as the first time and write nothing.
    return query select * from emporium_find_replay(p_stream_id, p_event_ids, p_digests) replay
      where replay.last_revision - v_count = case p_expected when 'no_stream' then -1 when 'stream_exists' then null else p_expected::bigint end;
    if found then
      return;
    end if;
    raise exception using errcode = 'ES409', message = 'wrong expected revision', detail = v_current::text;
  end if;

  for i in 1 .. v_count loop
    v_previous_hash := v_hash;
    v_hash := sha256(coalesce(v_previous_hash, ''::bytea) || p_digests[i]);
    v_current := v_current + 1;
    insert into events (transaction_id, stream_id, revision, event_id, type, data, metadata, previous_hash, hash)
      values (v_xid, p_stream_id, v_current, p_event_ids[i], p_types[i], p_data[i], p_metadata[i], v_previous_hash, v_hash)
      returning events.position into last_position;
  end loop;
  last_revision := v_current;
  commit_id := v_xid;
  return next;
end;
$$;

`,
};
