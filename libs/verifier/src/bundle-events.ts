import { EVIDENCE_BUNDLE_FILES as FILES, type BundleEvent, type BundleManifest } from './bundle-format.js';
import { fail } from './bundle-problem.js';
import { canonicalJson } from './canonical-json.js';
import { decodeUtf8 } from './encoding.js';
import { eventHash, GENESIS_HASH } from './event-hash.js';

const KEYS = ['data', 'eventId', 'hash', 'metadata', 'position', 'recordedAt', 'revision', 'streamId', 'type'];
const EVENT_KEYS = KEYS.join();
const DISPOSED_EVENT_KEYS = [...KEYS, 'disposal'].sort().join();

/** events.jsonl: one stream from revision 0, each event's hash recomputed over the previous one. */
export function readEvents(files: ReadonlyMap<string, Buffer>, manifest: BundleManifest): BundleEvent[] {
  const file = FILES.events;
  const text = decodeUtf8(files.get(file)!) ?? fail('BUNDLE.EVENTS_MALFORMED', `${file} is not UTF-8`, { file });
  if (!text.endsWith('\n')) fail('BUNDLE.EVENTS_MALFORMED', `${file} is empty or does not end with a newline`, { file });
  const events: BundleEvent[] = [];
  for (const [i, line] of text.slice(0, -1).split('\n').entries()) {
    const event = parseEventLine(line, `${file} line ${i + 1}`);
    if (event.streamId !== manifest.streamId) {
      fail('BUNDLE.INCONSISTENT', `${file} line ${i + 1} is an event of ${event.streamId}, not of the manifest's ${manifest.streamId}`, { file });
    }
    if (event.revision !== i) {
      fail('BUNDLE.CHAIN_BROKEN', `${file} line ${i + 1} holds revision ${event.revision} where revision ${i} belongs: events are missing or out of order`, {
        file,
        revision: i,
      });
    }
    const previousHash = i === 0 ? GENESIS_HASH : events[i - 1]!.hash;
    // An emptied event's hash cannot be recomputed: its inclusion proof (bundle-proofs.ts)
    // and the next event's link, which is recomputed over it, are what prove it.
    const recomputed = event.disposal ? event.hash : eventHash({ ...event, previousHash });
    if (recomputed !== event.hash) {
      fail(
        'BUNDLE.CHAIN_BROKEN',
        `revision ${i} does not hash to its recorded hash ${event.hash} (recomputed over the previous event's hash: ${recomputed}): ` +
          `it or an event before it was altered`,
        { file, revision: i },
      );
    }
    events.push(event);
  }
  return events;
}

function parseEventLine(line: string, where: string): BundleEvent {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return fail('BUNDLE.EVENTS_MALFORMED', `${where} is not JSON`, { file: FILES.events });
  }
  const event = value as BundleEvent;
  const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  const keys = isObject(event) ? Object.keys(event).sort().join() : '';
  const disposed =
    keys === DISPOSED_EVENT_KEYS &&
    isObject(event.disposal) &&
    Object.keys(event.disposal!).sort().join() === 'disposalEventId,disposedAt' &&
    typeof event.disposal!.disposalEventId === 'string' &&
    typeof event.disposal!.disposedAt === 'string' &&
    Object.keys(event.data ?? {}).length === 0 &&
    Object.keys(event.metadata ?? {}).length === 0;
  const wellFormed =
    isObject(event) &&
    (keys === EVENT_KEYS || disposed) &&
    [event.eventId, event.streamId, event.position, event.type, event.recordedAt].every((v) => typeof v === 'string') &&
    Number.isSafeInteger(event.revision) &&
    isObject(event.data) &&
    isObject(event.metadata) &&
    /^[0-9a-f]{64}$/.test(String(event.hash));
  if (!wellFormed) {
    fail('BUNDLE.EVENTS_MALFORMED', `${where} is not an event {${EVENT_KEYS}}, nor one emptied by a disposal (with disposal, data and metadata {})`, { file: FILES.events });
  }
  // One spelling per event: a reader who parses JSON another way (duplicate keys, escapes) sees what was hashed.
  if (canonicalJson(event) !== line) fail('BUNDLE.EVENTS_MALFORMED', `${where} is not in canonical JSON (sorted keys, no white space)`, { file: FILES.events });
  return event;
}
