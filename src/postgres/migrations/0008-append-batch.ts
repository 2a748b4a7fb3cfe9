/**
 * Appends to several streams in one statement and one transaction (see AppendBatches): under load,
 * one round trip and one commit for the appends that queued meanwhile, instead of one each.
 * Each append is judged on its own, as emporium_append judges it, and answered with an outcome
 * rather than an exception, so that one refused append does not undo the others.
 */
export const appendBatchMigration = {
  version: 8,
  name: 'append batch',
  sql: String.raw`
create function emporium_append_batch(p_appends jsonb)
returns table (
  append_index       int,
  outcome            text,     -- 'appended' | 'replayed' | 'wrong-revision' | 'duplicate-id'
  last_revision      bigint,
  last_position      bigint,
  commit_id          xid8,
  actual_revision    bigint,   -- for 'wrong-revision': the stream's revision, -1 for no stream
  duplicate_event_id uuid      -- for 'duplicate-id'
)
language plpgsql as $$
declare
  v_lock          int;
  v_xid           xid8;
  v_append        jsonb;
  v_index         int;
  v_stream        text;
  v_expected      text;
  v_ids           uuid[];
  v_digests       bytea[];
  v_count         int;
  v_current       bigint;
  v_hash          bytea;
  v_previous_hash bytea;
begin
  -- Every stream's lock, in one order (two batches never wait on each other), and only then the
  -- transaction id: as in emporium_append, it is then larger than that of every earlier writer of
  -- each of these streams, so delivery in transaction-id order keeps every stream in order.
  for v_lock in select distinct hashtext(a->>'stream') from jsonb_array_elements(p_appends) a order by 1 loop
    perform pg_advisory_xact_lock(7001, v_lock);
  end loop;
  v_xid := pg_current_xact_id();

  for v_append, v_index in select value, ordinality::int from jsonb_array_elements(p_appends) with ordinality loop
    v_stream := v_append->>'stream';
    v_expected := v_append->>'expected';
    v_ids := array(select jsonb_array_elements_text(v_append->'ids')::uuid);
    v_digests := array(select decode(d, 'hex') from jsonb_array_elements_text(v_append->'digests') d);
    v_count := cardinality(v_ids);
    append_index := v_index;
    last_revision := null; last_position := null; commit_id := null; actual_revision := null; duplicate_event_id := null;

    select e.revision, e.hash into v_current, v_hash from events e where e.stream_id = v_stream order by e.revision desc limit 1;
    if not found then
      v_current := -1;
      v_hash := null;
    end if;

    if not (case v_expected
              when 'any' then true
              when 'no_stream' then v_current = -1
              when 'stream_exists' then v_current >= 0
              else v_current = v_expected::bigint
            end) then
      select r.last_revision, r.last_position, r.commit_id into last_revision, last_position, commit_id
        from emporium_find_replay(v_stream, v_ids, v_digests) r
       where r.last_revision - v_count = case v_expected when 'no_stream' then -1 when 'stream_exists' then null else v_expected::bigint end;
      if found then
        outcome := 'replayed';
      else
        outcome := 'wrong-revision';
        actual_revision := v_current;
      end if;
      return next;
      continue;
    end if;

    select e.event_id into duplicate_event_id from events e where e.event_id = any(v_ids) limit 1;
    if found then
      outcome := 'duplicate-id';
      return next;
      continue;
    end if;

    for i in 1 .. v_count loop
      v_previous_hash := v_hash;
      v_hash := sha256(coalesce(v_previous_hash, ''::bytea) || v_digests[i]);
      v_current := v_current + 1;
      insert into events (transaction_id, stream_id, revision, event_id, type, data, metadata, previous_hash, hash)
        values (v_xid, v_stream, v_current, v_ids[i], v_append->'types'->>(i - 1), v_append->'data'->(i - 1), v_append->'metadata'->(i - 1), v_previous_hash, v_hash)
        returning events.position into last_position;
    end loop;
    outcome := 'appended';
    last_revision := v_current;
    commit_id := v_xid;
    return next;
  end loop;
end;
$$;
`,
};
