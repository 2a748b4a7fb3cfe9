/**
 * The event store's hot statements keep one plan per session, and it is always an index plan.
 *
 * Measured under bench:checkout, nearly two thirds of the server's time in the two log reads was
 * planning: PostgreSQL planned them afresh at every call, because their generic plans looked
 * costlier on paper than a plan made for the call's values. And where a generic plan was kept (the
 * duplicate-id check inside emporium_append_batch), it was made while the log was nearly empty, so
 * it was a sequential scan, and it stayed one as the log grew, until autovacuum's next ANALYZE: on
 * a fresh shop's first minutes, and after a restore without statistics, each append then read the
 * whole log. Each of these statements looks rows up by a key it has an index for, whatever the
 * size of the log, so the functions below make one generic plan per session with sequential scans
 * priced out, and the append functions price them out too.
 */
export const plannedLogReadsMigration = {
  version: 10,
  name: 'planned log reads',
  sql: String.raw`
alter function emporium_append(text, text, uuid[], text[], jsonb[], jsonb[], bytea[]) set enable_seqscan = off;
alter function emporium_append_batch(jsonb) set enable_seqscan = off;

-- Several streams, each from a revision on: answers in request order (1-based), each in revision order.
create function emporium_read_streams(p_stream_ids text[], p_from_revisions bigint[])
returns table (
  request bigint, "position" bigint, transaction_id xid8, stream_id text, revision bigint, event_id uuid, type text,
  data jsonb, metadata jsonb, recorded_at_ms float8, previous_hash text, hash text
)
language plpgsql stable
set plan_cache_mode = force_generic_plan
set enable_seqscan = off
as $$
begin
  return query
    select r.request, e.position, e.transaction_id, e.stream_id, e.revision, e.event_id, e.type, e.data, e.metadata,
           (extract(epoch from e.recorded_at) * 1000)::float8, encode(e.previous_hash, 'hex'), encode(e.hash, 'hex')
      from unnest(p_stream_ids, p_from_revisions) with ordinality as r(stream_id, from_revision, request)
      join events e on e.stream_id = r.stream_id and e.revision >= r.from_revision
     order by r.request, e.revision;
end;
$$;

-- A page of the log in commit order, after a checkpoint and below the horizon (see
-- PostgresEventStore.commitOrderedLog). Rows not matching the filter come without their data.
-- With no row after the checkpoint, one row of nulls still says whether events are held back.
create function emporium_read_page(p_after_commit xid8, p_after_position bigint, p_stream_prefixes text[], p_event_types text[], p_limit int)
returns table (
  held_back boolean, "position" bigint, transaction_id xid8, stream_id text, revision bigint, event_id uuid, type text,
  recorded_at_ms float8, previous_hash text, hash text, matched boolean, data jsonb, metadata jsonb
)
language plpgsql stable
set plan_cache_mode = force_generic_plan
set enable_seqscan = off
as $$
begin
  return query
    with horizon as (
      select snapshot.xmin, exists (select 1 from events f where f.transaction_id >= snapshot.xmin) as held_back
        from (select pg_snapshot_xmin(pg_current_snapshot()) as xmin) snapshot
    ),
    page as (
      select e.*,
             (p_stream_prefixes is null or e.stream_id ^@ any(p_stream_prefixes))
               and (p_event_types is null or e.type = any(p_event_types)) as matched
        from events e, horizon
       where (e.transaction_id, e.position) > (p_after_commit, p_after_position)
         and e.transaction_id < horizon.xmin
       order by e.transaction_id, e.position
       limit p_limit
    )
    select horizon.held_back, page.position, page.transaction_id, page.stream_id, page.revision, page.event_id,
           page.type, (extract(epoch from page.recorded_at) * 1000)::float8, encode(page.previous_hash, 'hex'),
           encode(page.hash, 'hex'), page.matched,
           case when page.matched then page.data end,
           case when page.matched then page.metadata end
      from horizon left join page on true
     order by page.transaction_id, page.position;
end;
$$;
`,
};
