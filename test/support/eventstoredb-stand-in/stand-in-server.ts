import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import * as pb from '@eventstore/db-client/generated/streams_pb';
import * as shared from '@eventstore/db-client/generated/shared_pb';

/*
 * A STAND-IN FOR TESTS, NOT EventStoreDB. No EventStoreDB server can be had on our machines (it
 * ships as Docker images and .NET packages only), so the EventStoreDB adapter is proven in CI
 * against this: a gRPC server speaking the part of EventStoreDB's `event_store.client.streams`
 * protocol the adapter uses, with the service definitions that ship inside @eventstore/db-client.
 * The rules it follows, each from EventStoreDB's documentation ("Appending events", "Reading
 * events", "Catch-up subscriptions", "Server-side filtering"):
 *
 * - Append: the first message carries the stream and the expected revision (`any`, `no_stream`,
 *   `stream_exists`, or a revision); the events follow. A stream's revisions count from 0. On a
 *   mismatch nothing is written and the answer is WrongExpectedVersion with the current revision
 *   (or no stream) and the expectation. Success answers the stream's last revision and the
 *   position in $all of the last event written.
 * - Read a stream forwards from a revision (inclusive) or backwards from one (inclusive), or from
 *   the start or the end, up to a count; a stream that does not exist answers StreamNotFound.
 * - Read $all forwards from a position (inclusive) or backwards from one (exclusive), or from the
 *   start or the end, up to a count. Positions are commit/prepare pairs; here both are the same
 *   number, increasing by one per event.
 * - Subscribe to $all: a confirmation, then every event after the given position (exclusive),
 *   then a caught-up message, then events as they are appended. With a filter (stream or event
 *   type prefixes or a regular expression) only matching events come, and a checkpoint message
 *   comes every `max window × checkpoint interval multiplier` events scanned, so that a
 *   subscriber can save progress through long stretches that do not match.
 *
 * Not served: BatchAppend (the client falls back to Append when ServerFeatures answers
 * UNIMPLEMENTED, as it does here), deletes and tombstones, stream metadata, persistent
 * subscriptions, projections, links, TLS, authentication. Idempotent appends are not
 * emulated: the adapter does not rely on EventStoreDB's narrow deduplication window.
 * With a data file it keeps the log across restarts (one JSON line per event), so a test can stop
 * and start it like a server.
 */

interface StoredEvent {
  readonly streamName: string;
  readonly revision: number;
  readonly position: number;
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  /** Base64, as it came. */
  readonly data: string;
  readonly customMetadata: string;
  /** .NET ticks since the Unix epoch, as EventStoreDB sends `created`. */
  readonly created: string;
}

interface Filter {
  matches(event: StoredEvent): boolean;
  /** Events scanned between checkpoint messages, or null without a filter. */
  readonly checkpointEvery: number | null;
}

export interface StandInServer {
  readonly port: number;
  readonly url: string;
  stop(): Promise<void>;
}

export async function startStandIn(settings: { port?: number; dataFile?: string } = {}): Promise<StandInServer> {
  const { dataFile } = settings;
  const log: StoredEvent[] = dataFile && existsSync(dataFile) ? readFileSync(dataFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as StoredEvent) : [];
  const streams = new Map<string, StoredEvent[]>();
  const streamOf = (name: string): StoredEvent[] => {
    let events = streams.get(name);
    if (!events) streams.set(name, (events = []));
    return events;
  };
  for (const event of log) streamOf(event.streamName).push(event);
  const live = new Set<(event: StoredEvent) => void>();

  function append(call: grpc.ServerReadableStream<pb.AppendReq, pb.AppendResp>, callback: grpc.sendUnaryData<pb.AppendResp>): void {
    let options: pb.AppendReq.Options | undefined;
    const proposed: pb.AppendReq.ProposedMessage[] = [];
    call.on('data', (request: pb.AppendReq) => {
      if (request.hasOptions()) options = request.getOptions();
      else if (request.hasProposedMessage()) proposed.push(request.getProposedMessage()!);
    });
    call.on('error', () => undefined);
    call.on('end', () => {
      if (!options) return callback({ code: grpc.status.INVALID_ARGUMENT, details: 'The first message must carry the options' });
      const streamName = Buffer.from(options.getStreamIdentifier()!.getStreamName_asU8()).toString('utf8');
      const existing = streams.get(streamName) ?? [];
      const current = existing.length - 1;
      const response = new pb.AppendResp();
      const expected = options.getExpectedStreamRevisionCase();
      const Case = pb.AppendReq.Options.ExpectedStreamRevisionCase;
      const ok =
        expected === Case.ANY ||
        (expected === Case.NO_STREAM && existing.length === 0) ||
        (expected === Case.STREAM_EXISTS && existing.length > 0) ||
        (expected === Case.REVISION && existing.length > 0 && String(current) === options.getRevision());
      if (!ok) {
        const wrong = new pb.AppendResp.WrongExpectedVersion();
        if (existing.length > 0) wrong.setCurrentRevision(String(current));
        else wrong.setCurrentNoStream(new shared.Empty());
        if (expected === Case.REVISION) wrong.setExpectedRevision(options.getRevision());
        else if (expected === Case.NO_STREAM) wrong.setExpectedNoStream(new shared.Empty());
        else if (expected === Case.STREAM_EXISTS) wrong.setExpectedStreamExists(new shared.Empty());
        else wrong.setExpectedAny(new shared.Empty());
        response.setWrongExpectedVersion(wrong);
        return callback(null, response);
      }
      const written = proposed.map((message, i): StoredEvent => {
        const metadata = message.getMetadataMap();
        return {
          streamName,
          revision: existing.length + i,
          position: log.length + i,
          id: message.getId()!.getString(),
          type: metadata.get('type') ?? '',
          contentType: metadata.get('content-type') ?? 'application/octet-stream',
          data: Buffer.from(message.getData_asU8()).toString('base64'),
          customMetadata: Buffer.from(message.getCustomMetadata_asU8()).toString('base64'),
          created: String(BigInt(Date.now()) * 10_000n),
        };
      });
      if (dataFile) appendFileSync(dataFile, written.map((event) => JSON.stringify(event) + '\n').join(''));
      log.push(...written);
      streamOf(streamName).push(...written);
      for (const event of written) for (const deliver of live) deliver(event);
      const success = new pb.AppendResp.Success();
      const last = written.at(-1);
      success.setCurrentRevision(String(last ? last.revision : current));
      if (last) success.setPosition(new pb.AppendResp.Position().setCommitPosition(String(last.position)).setPreparePosition(String(last.position)));
      else success.setNoPosition(new shared.Empty());
      response.setSuccess(success);
      callback(null, response);
    });
  }

  function read(call: grpc.ServerWritableStream<pb.ReadReq, pb.ReadResp>): void {
    const options = call.request.getOptions()!;
    const backwards = options.getReadDirection() === pb.ReadReq.Options.ReadDirection.BACKWARDS;
    const count = options.hasCount() ? Number(options.getCount()) : Number.MAX_SAFE_INTEGER;
    const send = (event: StoredEvent) => call.write(new pb.ReadResp().setEvent(readEvent(event)));

    if (options.hasStream()) {
      const streamOptions = options.getStream()!;
      const streamName = Buffer.from(streamOptions.getStreamIdentifier()!.getStreamName_asU8()).toString('utf8');
      const events = streams.get(streamName);
      if (!events) {
        call.write(new pb.ReadResp().setStreamNotFound(new pb.ReadResp.StreamNotFound().setStreamIdentifier(streamOptions.getStreamIdentifier())));
        return void call.end();
      }
      const RevisionCase = pb.ReadReq.Options.StreamOptions.RevisionOptionCase;
      const from = streamOptions.getRevisionOptionCase() === RevisionCase.REVISION ? Number(streamOptions.getRevision()) : streamOptions.getRevisionOptionCase() === RevisionCase.END ? events.length - 1 : backwards ? events.length - 1 : 0;
      // A stream's events sit at their revisions.
      const selected = backwards ? events.slice(Math.max(0, from - count + 1), from + 1).reverse() : events.slice(from, from + count);
      selected.forEach(send);
      return void call.end();
    }

    const allOptions = options.getAll()!;
    const AllCase = pb.ReadReq.Options.AllOptions.AllOptionCase;
    const position = allOptions.getAllOptionCase() === AllCase.POSITION ? Number(allOptions.getPosition()!.getCommitPosition()) : allOptions.getAllOptionCase() === AllCase.END ? log.length : backwards ? log.length : 0;
    const filter = filterOf(options);

    if (!options.hasSubscription()) {
      // An event's position is its index in the log: a read starts there and stops at `count`, as a
      // server's does, instead of going through the whole log for each page.
      let sent = 0;
      for (let i = backwards ? Math.min(position, log.length) - 1 : Math.max(0, position); sent < count && i >= 0 && i < log.length; i += backwards ? -1 : 1) {
        if (!filter.matches(log[i]!)) continue;
        send(log[i]!);
        sent++;
      }
      return void call.end();
    }

    // A catch-up subscription: history after the position, caught up, then live.
    call.write(new pb.ReadResp().setConfirmation(new pb.ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())));
    const start = allOptions.getAllOptionCase() === AllCase.END ? log.length : allOptions.getAllOptionCase() === AllCase.START ? 0 : position + 1;
    let scanned = 0;
    const offer = (event: StoredEvent) => {
      if (filter.matches(event)) send(event);
      scanned++;
      if (filter.checkpointEvery !== null && scanned % filter.checkpointEvery === 0) {
        call.write(new pb.ReadResp().setCheckpoint(new pb.ReadResp.Checkpoint().setCommitPosition(String(event.position)).setPreparePosition(String(event.position))));
      }
    };
    for (const event of log.slice(start)) offer(event);
    call.write(new pb.ReadResp().setCaughtUp(new pb.ReadResp.CaughtUp()));
    live.add(offer);
    const end = () => live.delete(offer);
    call.on('cancelled', end);
    call.on('close', end);
    call.on('error', end);
  }

  const server = new grpc.Server();
  // Only the calls the adapter makes; the rest answer UNIMPLEMENTED, as gRPC servers do.
  server.addService(StreamsService, { append, read });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${settings.port ?? 0}`, grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return {
    port,
    url: `esdb://127.0.0.1:${port}?tls=false`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
        // Subscriptions never end on their own: cut them after a moment.
        setTimeout(() => server.forceShutdown(), 200).unref();
      }),
  };
}

function readEvent(event: StoredEvent): pb.ReadResp.ReadEvent {
  const recorded = new pb.ReadResp.ReadEvent.RecordedEvent()
    .setId(new shared.UUID().setString(event.id))
    .setStreamIdentifier(new shared.StreamIdentifier().setStreamName(Buffer.from(event.streamName, 'utf8')))
    .setStreamRevision(String(event.revision))
    .setPreparePosition(String(event.position))
    .setCommitPosition(String(event.position))
    .setData(Buffer.from(event.data, 'base64'))
    .setCustomMetadata(Buffer.from(event.customMetadata, 'base64'));
  recorded.getMetadataMap().set('type', event.type).set('content-type', event.contentType).set('created', event.created);
  return new pb.ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(String(event.position));
}

function filterOf(options: pb.ReadReq.Options): Filter {
  if (!options.hasFilter()) return { matches: () => true, checkpointEvery: null };
  const filter = options.getFilter()!;
  const expression = filter.hasStreamIdentifier() ? filter.getStreamIdentifier()! : filter.getEventType()!;
  const field = (event: StoredEvent) => (filter.hasStreamIdentifier() ? event.streamName : event.type);
  const prefixes = expression.getPrefixList();
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : null;
  const window = filter.hasMax() ? filter.getMax() : 32;
  return {
    matches: (event) => (prefixes.length > 0 ? prefixes.some((prefix) => field(event).startsWith(prefix)) : regex ? regex.test(field(event)) : true),
    checkpointEvery: Math.max(1, window * Math.max(1, filter.getCheckpointintervalmultiplier())),
  };
}
