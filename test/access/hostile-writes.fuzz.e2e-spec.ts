import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { commandOf, recordCommands } from '#testing';
import { ROUTE_ACCESS } from '../../apps/api/src/auth/route-access.js';
import { laterHypotheticalLines, magnetcoDealLines, REFERENCE_DEAL_ID, referenceDealLines, routeOf, type SeedLine } from '../support/reference-deal.js';
import { bearer, ROLE_KEYS, startTestLedger, tempDataDir, type TestLedger } from '../support/test-ledger.js';

/**
 * 10,000 malformed or hostile requests to every write route of the route table, as a
 * writer, against a ledger holding the reference deal. Each request starts from a valid
 * command on a real deal (or random JSON) and carries at least one element that is
 * invalid by construction (a hostile path id, a prototype key, a bad date, a malformed
 * header…), so every answer must be a 4xx with a stable code, and nothing may be written.
 * The sample is drawn from a fixed seed (FUZZ_SEED overrides it) so a failure reproduces.
 */
const RUNS = 10_000;
const IN_FLIGHT = 8;
const SEED = Number(process.env.FUZZ_SEED ?? 20_251_117);

type Body = Record<string, unknown>;
interface WriteRoute {
  path: string;
  /** A valid command for the route: what each request is spoiled from. */
  base: (n: number) => { figureId?: string; body: Body };
  /** The stream its path names: the reference deal, the second one (instruments, stages) or the fuzz party. */
  target: string;
}

/** What a request is made of before it is put on the wire; mutations spoil it. */
interface Draft {
  route: WriteRoute;
  dealSegment: string;
  figureSegment: string;
  query: string;
  headers: Record<string, string | undefined>;
  body: unknown;
  /** Replaces the serialized body (malformed JSON, huge nesting). */
  raw?: string;
  /** Markers in the body replaced by raw text after serialization. */
  splices: [string, string][];
}

interface Mutation {
  label: string;
  apply(draft: Draft, n: number): void;
}

interface WireRequest {
  route: string;
  poisons: string[];
  path: string;
  headers: Record<string, string>;
  body: string;
}

// ---------------------------------------------------------------------------------------
// The valid commands, one per write route of the table.

const lines = [...referenceDealLines(), ...laterHypotheticalLines()];
/** The second reference deal: the instruments and stages the first one has none of. */
const secondDealLines = magnetcoDealLines();
const SECOND_DEAL_ID = secondDealLines[0]!.body.dealId as string;
const deal = '/deals/:dealId';
const figure = `${deal}/figures/:figureId`;
const party = '/parties/:partyId';
/** Registered before the requests (FUZZ_PARTY at revision 1, so that If-Match "0" is stale); each spoiled one names them. */
const FUZZ_PARTY = 'fuzz-party';
const FUZZ_PARENT = 'fuzz-parent';
const partySource = { publisher: 'GLEIF', tier: 'primary' };
const reported = { source: partySource, reportedAt: '2025-04-02' };
/** A route that creates its stream: no If-Match to spoil, no id in its path. */
const isCreation = (path: string) => path === '/deals' || path === '/parties';
/** A fresh copy: the constants below are spliced into many bodies. */
const clone = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

/** Without their figure ids, first reports get fresh ones (derived from the command id). */
function withoutFigureIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutFigureIds);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'figureId').map(([k, v]) => [k, withoutFigureIds(v)]));
}

function baseOf(path: string): WriteRoute['base'] {
  if (path === '/deals') {
    const register = lines.find((l) => l.command === 'RegisterDeal')!;
    return (n) => ({ body: { ...clone(register.body), dealId: `fuzz-deal-${n}` } });
  }
  // Fresh copies: mutations change nested objects (a source) in place.
  if (path === '/parties') {
    return (n) => ({ body: clone({ partyId: `fuzz-party-${n}`, name: 'Fuzz Party', kind: 'company', country: 'FR', lei: '506700GE1G29325QX363', ...reported }) });
  }
  if (path === `${party}/renames`) return (n) => ({ body: clone({ name: `Fuzz Party ${n}`, effectiveAt: '2025-04-01', ...reported }) });
  if (path === `${party}/aliases`) return (n) => ({ body: clone({ alias: `Fuzz ${n}`, effectiveAt: '2025-04-01', ...reported }) });
  if (path === `${party}/parents`) return () => ({ body: clone({ parentId: FUZZ_PARENT, effectiveAt: '2022-06-01', ...reported }) });
  // The parent's id is in the path: it is spoiled as a figure id is.
  if (path === `${party}/parents/:parentId/end`) return () => ({ figureId: FUZZ_PARENT, body: clone({ effectiveAt: '2025-12-31', ...reported }) });
  if (path === `${figure}/retractions`) return () => ({ figureId: 'japan-demand-share', body: { reason: 'the publisher withdrew it' } });
  if (path === `${deal}/parties`) {
    return (n) => ({ body: clone({ party: { partyId: `fuzz-joiner-${n}`, name: 'Fuzz Joiner', kind: 'company', roles: ['lender'] }, ...reported }) });
  }
  // Links go from the second deal (the target of routes the first has no line for) to the first.
  if (path === `${deal}/links`) return () => ({ body: clone({ relation: 'related', targetDealId: REFERENCE_DEAL_ID, ...reported }) });
  const line = lineFor(path, [...lines, ...secondDealLines]);
  if (!line) throw new Error(`No reference command for ${path}`);
  if (line.figureId) return () => ({ figureId: line.figureId!, body: clone(line.body) });
  return (n) => {
    const body = withoutFigureIds(clone(line.body)) as Body;
    if (line.command === 'RecordNote') body.noteId = `fuzz-note-${n}`;
    // One open stake per holder, target and basis: each valid one is a tranche of its own.
    if (line.command === 'DiscloseStake') body.tranche = `fuzz tranche ${n}`;
    return { body };
  };
}

const WRITE_ROUTES: WriteRoute[] = ROUTE_ACCESS.filter((r) => r.method === 'POST' && r.permission === 'facts:write').map((r) => ({
  path: r.path,
  base: baseOf(r.path),
  target: targetOf(r.path),
}));

function targetOf(path: string): string {
  if (path.startsWith('/parties')) return FUZZ_PARTY;
  return lineFor(path, lines) !== undefined || path === `${figure}/retractions` ? REFERENCE_DEAL_ID : SECOND_DEAL_ID;
}

/** The first seed line sent to this route. */
function lineFor(path: string, among: readonly SeedLine[]): SeedLine | undefined {
  return among.find((l) => l.dealId !== undefined && routeOf(l) === path.replace(':dealId', l.dealId).replace(':figureId', l.figureId ?? ''));
}

// ---------------------------------------------------------------------------------------
// Hostile values.

/** Path segments as sent (already percent-encoded where needed): none names a real deal or figure. */
const HOSTILE_SEGMENTS = [
  '$all', '$ce-deal', '%24all', '$et-RegisterDeal', '$$metadata', '../etc/passwd', '..%2Fetc%2Fpasswd', '%2e%2e%2f', '%2e%2e',
  '..', '.', '%2e', '%00', 'caremag-2025%00', 'a%00b', '%0d%0aSet-Cookie:%20x=1', 'caremag-2025%2Fevents', '%E0%A4%A', '%', '%zz',
  '', '%20', 'caremag%202025', encodeURIComponent('caremag-2025\u202e'), encodeURIComponent('💥'), encodeURIComponent('ｃａｒｅｍａｇ-2025'),
  encodeURIComponent('<script>alert(1)</script>'), "'%20OR%201=1--", 'null', 'undefined', 'NaN', '__proto__', 'constructor', 'prototype',
  'hasOwnProperty', 'toString', 'caremag-2025.', 'CAREMAG-2025', 'd'.repeat(101), 'd'.repeat(1000), 'd'.repeat(6000),
  encodeURIComponent('é'.repeat(120)), 'caremag-2025;drop', 'caremag-2025?x=1#',
];

const segmentArb = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_SEGMENTS), weight: 4 },
  // Random text, percent-encoded; a well-formed id is then one no deal or figure has.
  {
    arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).map((s) => `zz${encodeURIComponent(s)}`),
    weight: 1,
  },
  { arbitrary: fc.stringMatching(/^[A-Za-z0-9._-]{1,60}$/).map((s) => `nx-${s}`), weight: 1 },
);

const BAD_DATES: unknown[] = [
  '2025-02-30', '2023-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-03-00', '2025-03-17T24:00:00Z', '2025-03-17T23:60:00Z',
  '2025-03-17T23:59:60Z', '2025-03-17T10:00:00', '2025-03-17T10:00:00+25:00', '17/03/2025', 'March 17, 2025', '', 'now', 'null', '0',
  '2025-3-17', '+002025-03-17', '99999-01-01', '2025-03-17T10:00:00.1234567891Z', ' 2025-03-17', '2025-03-17\n', '２０２５-03-17',
  `2025-03-17${'Z'.repeat(40)}`, 1_742_169_600_000, true, {}, [],
];

const BAD_AMOUNTS: unknown[] = [
  110_000_000, 1e308, -1, 0.1, '-1', '-110000000', '-0.5', 'NaN', 'Infinity', '-Infinity', '1e9', '1E-7', '0x1F', '1,000', ' 1', '1 ',
  '', '1.', '.5', '+5', '9'.repeat(65), '1'.repeat(101), '١٢٣', '１２３', '--1', '1.2.3', 'null', true, {}, [], ['1'],
];

const BAD_CURRENCIES: unknown[] = ['ABC', 'ZZZ', 'AAA', 'XTS', 'XXX', 'EURO', 'eur', 'Eur', '€', '', 'US$', 'E R', '123', 'EU', 7, null, ['EUR']];

const HUGE_STRINGS = ['x'.repeat(10_001), 'é'.repeat(10_001), '\u202e'.repeat(10_001), 'a\u0000'.repeat(5_001), '💥'.repeat(5_001)];

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];
const PROTO_VALUES: unknown[] = [{}, { isAdmin: true }, { roles: ['admin'] }, { actor: 'admin' }, null, 1, 'x', [], { toString: 'x' }];

/** Keys no request type knows: forbidden as unknown fields at every level. */
const UNKNOWN_KEYS = ['actor', 'isAdmin', '$where', 'credential', 'principal', 'eventId', 'position', 'revision', 'hash', 'recordedAt', 'colour', ''];

const MALFORMED_JSON = [
  '{"a":}', "{'a':1}", '{a:1}', 'NaN', '{"amount": NaN}', '{"x": Infinity}', '[1,2,', '{"a":1,}', '}{', '"\\ud800"', '{"a":1}{"b":2}',
  '{"__proto__":', '{"a" 1}', 'undefined', '0x10', '{"a":01}', 'null', 'true', '42', '"a string"', '{"a":"\\x41"}', '{"a":"\u0001"}',
  '\u0000', '{"a":1}\u0000', '{"reason":"x"', '[{"reason":"x"}]', '{"reason":"x"}}',
];

const BAD_IDEMPOTENCY_KEYS = ['', ' ', 'no spaces allowed', 'a/b', '$all', '..', '.', 'a'.repeat(101), 'clé', 'key\twith-tab', '<script>', 'a;b', 'ä'];
const BAD_IF_MATCH = ['W/"11"', '*', '"11", "12"', '"abc"', '""', '"-1"', '"1234567890123456"', 'abc', '11x', '"11', '11"', "'11'", '0x0B', '1e1', '"1.0"', '"1\u00a0"'];
/** Tabs and C1 controls are what an HTTP client lets through; the server trims the edges. */
const BAD_CORRELATION_IDS = ['\t', 'a\tb', 'id\u0085x', 'id\u009bx', 'a b', '', 'a'.repeat(101), '$all', '../x', 'ñ', '\u00ff\u00ff\u00ff', 'a\u0080b'];
const BAD_CONTENT_TYPES: (string | undefined)[] = [
  'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=xyz', 'application/xml', 'application/json; charset=utf-16',
  'application/json; charset=latin1', 'application/json; charset=koi8-r', 'application/jsonp', 'json', '', undefined, 'application/merge-patch+json',
  'application/vnd.api+json', '*/*', 'text/json',
];
const BAD_CONTENT_ENCODINGS = ['gzip', 'deflate', 'br', 'compress', 'x-unknown', 'gzip, gzip'];
const PROTO_QUERIES = ['?__proto__=1', '?constructor=x', '?prototype=1', '?x=1&__proto__=2', '?constructor=a&constructor=b'];

// ---------------------------------------------------------------------------------------
// Walking a body.

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Every object in the tree, the root first. */
function objectsIn(value: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (isObject(value)) out.push(value);
  if (value !== null && typeof value === 'object') for (const child of Object.values(value)) objectsIn(child, out);
  return out;
}

/** Every place below the root that holds a value: [parent, key]. */
function slotsIn(value: unknown, out: [Record<string, unknown> | unknown[], string | number][] = []) {
  if (Array.isArray(value)) value.forEach((child, i) => (out.push([value, i]), slotsIn(child, out)));
  else if (isObject(value)) for (const [key, child] of Object.entries(value)) out.push([value, key]), slotsIn(child, out);
  return out;
}

const pick = <T>(items: readonly T[], at: number): T => items[at % items.length]!;

/** The body as an object to spoil; if it is not one any more, a new object stands for it. */
function rootObject(draft: Draft): Record<string, unknown> {
  if (!isObject(draft.body)) draft.body = { zz_not_a_command: draft.body ?? null };
  return draft.body as Record<string, unknown>;
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // Defined, not assigned: `__proto__` becomes an own key that JSON.stringify writes out.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * A value of another type than `value`'s. Never null (an optional field may be null) and
 * never a string, so that a second change of the same place cannot bring back a string
 * where one was valid.
 */
function wrongTypeFor(value: unknown, choice: number): unknown {
  if (typeof value === 'string') return pick([42, -1e308, true, {}, [1], { value }, [value]], choice);
  if (Array.isArray(value)) return pick([7, {}, true, { 0: value[0] ?? 1 }], choice);
  if (isObject(value)) return pick([3, false, [1, 2], [value]], choice);
  return pick([{}, [true]], choice);
}

// ---------------------------------------------------------------------------------------
// Mutations: each one alone makes the request invalid.

const m = (label: string, apply: Mutation['apply']): Mutation => ({ label, apply });

const hostileDeal = segmentArb.map((s) => m(`deal id ${s.slice(0, 40)}`, (d) => void (d.dealSegment = s)));
const hostileFigure = segmentArb.map((s) => m(`figure id ${s.slice(0, 40)}`, (d) => void (d.figureSegment = s)));

const malformedJson = fc.oneof(
  fc.constantFrom(...MALFORMED_JSON).map((raw) => m(`malformed JSON ${raw.slice(0, 30)}`, (d) => void (d.raw = raw))),
  // A proper, non-empty prefix of an object's or array's text is never a whole JSON value.
  fc.nat().map((at) =>
    m('truncated JSON', (d) => {
      const text = JSON.stringify(d.body);
      d.raw = text.slice(0, 1 + (at % Math.max(1, text.length - 1)));
    }),
  ),
  fc.constantFrom(',', '}', ']', 'x', '"', '\u0000', ',{}').map((tail) =>
    m(`JSON with trailing ${JSON.stringify(tail)}`, (d) => void (d.raw = JSON.stringify(d.body) + tail)),
  ),
);

const protoKey = fc.record({ key: fc.constantFrom(...PROTO_KEYS), value: fc.constantFrom(...PROTO_VALUES), at: fc.nat(), escaped: fc.boolean() }).map(
  ({ key, value, at, escaped }) =>
    m(`${escaped ? 'escaped ' : ''}${key} key`, (d) => {
      const marker = `zz_proto_marker_${at}`;
      setOwn(pick(objectsIn(rootObject(d)), at), marker, clone(value));
      // `"\u005f_proto__"` is the same key once parsed: a filter on the raw text must not be enough.
      d.splices.push([JSON.stringify(marker), JSON.stringify(key).replace(/^"_/, escaped ? '"\\u005f' : '"_')]);
    }),
);

const deepNesting = fc.record({ depth: fc.oneof(fc.integer({ min: 33, max: 200 }), fc.integer({ min: 201, max: 5_000 }), fc.constant(100_000)), at: fc.nat(), arrays: fc.boolean() }).map(
  ({ depth, at, arrays }) =>
    m(`nested ${depth} deep`, (d) => {
      const marker = `zz_deep_marker_${at}`;
      pick(objectsIn(rootObject(d)), at)[marker] = 1;
      const nested = arrays ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
      d.splices.push([`${JSON.stringify(marker)}:1`, `"zz_deep":${nested}`]);
    }),
);

const wrongType = fc.record({ at: fc.nat(), choice: fc.nat() }).map(({ at, choice }) =>
  m('a wrong type', (d) => {
    const slots = slotsIn(rootObject(d));
    if (slots.length === 0) return void ((d.body as Body).zz_wrong_type = 1);
    const [parent, key] = pick(slots, at);
    (parent as Record<string | number, unknown>)[key] = wrongTypeFor((parent as Record<string | number, unknown>)[key], choice);
  }),
);

const wrongRoot = fc.constantFrom<[string, (body: unknown) => unknown]>(
  ['an array body', (b) => [b]],
  ['an empty array body', () => []],
  ['an array of arrays', (b) => [[b]]],
  ['an empty object', () => ({})],
  ['only a commandId', () => ({ commandId: 'fuzz-only-id' })],
).map(([label, to]) => m(label, (d) => void (d.body = to(d.body))));

const unknownField = fc.record({ key: fc.oneof(fc.constantFrom(...UNKNOWN_KEYS), fc.string({ maxLength: 12 }).map((s) => `zz${s}`)), value: fc.jsonValue({ maxDepth: 2 }), at: fc.nat() }).map(
  ({ key, value, at }) => m(`unknown field ${JSON.stringify(key)}`, (d) => setOwn(pick(objectsIn(rootObject(d)), at), key, clone(value))),
);

const hugeString = fc.record({ text: fc.constantFrom(...HUGE_STRINGS), at: fc.nat() }).map(({ text, at }) =>
  m('a 10k-character string', (d) => {
    const strings = slotsIn(rootObject(d)).filter(([p, k]) => typeof (p as Record<string | number, unknown>)[k] === 'string');
    if (strings.length === 0) return void ((d.body as Body).zz_huge = text);
    const [parent, key] = pick(strings, at);
    (parent as Record<string | number, unknown>)[key] = text;
  }),
);

const oversizeBody = fc.constant(m('a body over 256 KiB', (d) => void (rootObject(d).zz_padding = 'p'.repeat(300 * 1024))));

/** On a figure's value (an object with a qualifier), else as an unknown field. */
const badAmount = fc.record({ amount: fc.constantFrom(...BAD_AMOUNTS), at: fc.nat() }).map(({ amount, at }) =>
  m(`amount ${JSON.stringify(amount).slice(0, 20)}`, (d) => {
    const values = objectsIn(rootObject(d)).filter((o) => 'qualifier' in o);
    if (values.length === 0) return void ((d.body as Body).zz_amount = clone(amount));
    pick(values, at).amount = clone(amount);
  }),
);

/** A money measure in a currency that is not ISO 4217 (XTS and XXX are refused on purpose). */
const badCurrency = fc.record({ currency: fc.constantFrom(...BAD_CURRENCIES), at: fc.nat() }).map(({ currency, at }) =>
  m(`currency ${JSON.stringify(currency)}`, (d) => {
    const measures = objectsIn(rootObject(d)).filter((o) => 'kind' in o && !('partyId' in o));
    if (measures.length === 0) return void ((d.body as Body).zz_currency = clone(currency));
    const measure = pick(measures, at);
    for (const key of Object.keys(measure)) delete measure[key];
    Object.assign(measure, { kind: 'money', currency: clone(currency) });
  }),
);

/** Where a date is (or, elsewhere, as `reportedAt`: a bad date or an unknown field). */
const badDate = fc.record({ date: fc.constantFrom(...BAD_DATES), at: fc.nat() }).map(({ date, at }) =>
  m(`date ${JSON.stringify(date)}`, (d) => {
    const holders = objectsIn(rootObject(d));
    const target = pick(holders.filter((o) => ['reportedAt', 'effectiveAt', 'publishedAt'].some((k) => k in o)).concat(holders), at);
    const key = ['reportedAt', 'effectiveAt', 'publishedAt'].find((k) => k in target) ?? 'reportedAt';
    target[key] = clone(date);
  }),
);

const randomJson = fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.object({ maxDepth: 3 })).map((value) =>
  m('random JSON', (d) => {
    // An unknown key on top keeps it invalid, however unlikely a random valid command.
    d.body = isObject(value) ? { ...value, zz_random: true } : value;
    if (!isObject(d.body) && !Array.isArray(d.body)) d.raw = JSON.stringify(d.body) ?? 'null';
  }),
);

const badIdempotencyKey = fc.oneof(
  fc.constantFrom(...BAD_IDEMPOTENCY_KEYS).map((key) => m(`Idempotency-Key ${JSON.stringify(key)}`, (d) => void (d.headers['Idempotency-Key'] = key))),
  fc.constant(
    m('Idempotency-Key differing from commandId', (d, n) => {
      d.headers['Idempotency-Key'] = `fuzz-key-${n}`;
      rootObject(d).commandId = `fuzz-other-${n}`;
    }),
  ),
);

const badIfMatch = (stale: boolean) =>
  fc.constantFrom(...BAD_IF_MATCH, ...(stale ? ['"999999"', '"0"', '5000'] : [])).map((value) => m(`If-Match ${value}`, (d) => void (d.headers['If-Match'] = value)));

const badCorrelation = fc.record({ header: fc.constantFrom('X-Correlation-Id', 'X-Causation-Id'), value: fc.constantFrom(...BAD_CORRELATION_IDS) }).map(
  ({ header, value }) => m(`${header} ${JSON.stringify(value)}`, (d) => void (d.headers[header] = value)),
);

const badContentType = fc.constantFrom(...BAD_CONTENT_TYPES).map((type) => m(`Content-Type ${JSON.stringify(type)}`, (d) => void (d.headers['Content-Type'] = type)));
const badContentEncoding = fc.constantFrom(...BAD_CONTENT_ENCODINGS).map((enc) => m(`Content-Encoding ${enc}`, (d) => void (d.headers['Content-Encoding'] = enc)));
const protoQuery = fc.constantFrom(...PROTO_QUERIES).map((query) => m(`query ${query}`, (d) => void (d.query = query)));

function mutationsFor(route: WriteRoute): fc.Arbitrary<Mutation> {
  const w = (arbitrary: fc.Arbitrary<Mutation>, weight: number) => ({ arbitrary, weight });
  return fc.oneof(
    ...(route.path.includes(':dealId') || route.path.includes(':partyId') ? [w(hostileDeal, 6)] : []),
    ...(route.path.includes(':figureId') || route.path.includes(':parentId') ? [w(hostileFigure, 6)] : []),
    w(malformedJson, 5),
    w(protoKey, 6),
    w(deepNesting, 2),
    w(wrongType, 8),
    w(wrongRoot, 2),
    w(unknownField, 4),
    w(hugeString, 3),
    w(oversizeBody, 1),
    w(badAmount, 4),
    w(badCurrency, 3),
    w(badDate, 4),
    w(randomJson, 3),
    w(badIdempotencyKey, 3),
    w(badIfMatch(!isCreation(route.path)), 3),
    w(badCorrelation, 3),
    w(badContentType, 3),
    w(badContentEncoding, 1),
    w(protoQuery, 2),
  );
}

/** Harmless extras on top (fresh keys, the current revision): they must not rescue a request. */
const extras = fc.record({ idempotencyKey: fc.boolean(), correlationId: fc.boolean(), ifMatch: fc.boolean() });

const requestArb = fc
  .constantFrom(...WRITE_ROUTES)
  .chain((route) => fc.record({ route: fc.constant(route), mutations: fc.array(mutationsFor(route), { minLength: 1, maxLength: 3 }), extras }));

type Spec = { route: WriteRoute; mutations: Mutation[]; extras: { idempotencyKey: boolean; correlationId: boolean; ifMatch: boolean } };

function materialize({ route, mutations, extras: extra }: Spec, n: number): WireRequest {
  const base = route.base(n);
  const draft: Draft = {
    route,
    dealSegment: route.target,
    figureSegment: base.figureId ?? '',
    query: '',
    headers: {
      ...bearer(ROLE_KEYS.writer),
      'Content-Type': 'application/json',
      ...(extra.idempotencyKey ? { 'Idempotency-Key': `fuzz-idem-${n}` } : {}),
      ...(extra.correlationId ? { 'X-Correlation-Id': `fuzz-corr-${n}` } : {}),
      ...(extra.ifMatch && !isCreation(route.path) ? { 'If-Match': '"11"' } : {}),
    },
    body: base.body,
    splices: [],
  };
  for (const mutation of mutations) mutation.apply(draft, n);
  let body = draft.raw ?? JSON.stringify(draft.body);
  if (draft.raw === undefined) for (const [marker, text] of draft.splices) body = body.replace(marker, text);
  const headers = Object.fromEntries(Object.entries(draft.headers).filter((e): e is [string, string] => e[1] !== undefined));
  return {
    route: route.path,
    poisons: mutations.map((x) => x.label),
    path: pathOf(route.path, draft.dealSegment, draft.figureSegment) + draft.query,
    headers,
    body,
  };
}

/** A deal's or a party's id in the first place, a figure's or a parent's in the second. */
const pathOf = (path: string, subject: string, member: string) =>
  path.replace(':dealId', subject).replace(':partyId', subject).replace(':figureId', member).replace(':parentId', member);

// ---------------------------------------------------------------------------------------
// The wire.

interface Answer {
  status: number;
  text: string;
}

function send(agent: http.Agent, port: number, request: WireRequest): Promise<Answer> {
  return new Promise((resolve) => {
    try {
      const call = http.request(
        { host: '127.0.0.1', port, method: 'POST', path: request.path, agent, headers: { ...request.headers, 'Content-Length': Buffer.byteLength(request.body) } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      call.on('error', (error) => resolve({ status: 0, text: `transport error: ${error.message}` }));
      call.end(request.body);
    } catch (error) {
      // The client refused to send it: a fault of this test, reported like any other.
      resolve({ status: -1, text: `not sent: ${(error as Error).message}` });
    }
  });
}

async function inBatches<T, R>(items: readonly T[], inFlight: number, each: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await each(items[i]!);
      }
    }),
  );
  return results;
}

const codeOf = (text: string): unknown => {
  try {
    return (JSON.parse(text) as { code?: unknown }).code;
  } catch {
    return undefined;
  }
};

const short = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);

// ---------------------------------------------------------------------------------------

describe('hostile writes: 10,000 invalid requests to every write route', () => {
  const data = tempDataDir();
  let ledger: TestLedger;
  let port: number;
  let agent: http.Agent;
  let seededHead: number;

  beforeAll(async () => {
    // One identity sending far more than the default 1,200 a minute: the test ledger's own
    // limit (a million) keeps the rate limit out of the way.
    ledger = await startTestLedger({ dataDir: data.dir });
    await recordCommands(ledger.runtime.store, [...referenceDealLines(), ...secondDealLines].map(commandOf));
    for (const [path, body] of [
      ['/parties', { partyId: FUZZ_PARTY, name: 'Fuzz Party', kind: 'company', ...reported }],
      [`/parties/${FUZZ_PARTY}/aliases`, { alias: 'Fuzz', ...reported }],
      ['/parties', { partyId: FUZZ_PARENT, name: 'Fuzz Parent', kind: 'company', ...reported }],
    ] as const) {
      await ledger.anonymous().post(path).set(bearer(ROLE_KEYS.writer)).send(body).expect(201);
    }
    seededHead = await ledger.runtime.store.headPosition();
    const server = await ledger.app.listen(0, '127.0.0.1');
    port = (server.address() as AddressInfo).port;
    agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  });

  afterAll(async () => {
    agent?.destroy();
    await ledger?.close();
    data.remove();
  });

  it('covers every POST route that needs facts:write', () => {
    expect(WRITE_ROUTES.map((r) => r.path)).toEqual(
      ROUTE_ACCESS.filter((r) => r.method === 'POST' && r.permission === 'facts:write').map((r) => r.path),
    );
    expect(WRITE_ROUTES).toHaveLength(26);
    // The reference deal's 12 events and the second deal's 19, then the two parties' 3.
    expect(seededHead).toBe(34);
  });

  it(
    'answers every one with a 4xx and a code, never a 5xx, and writes nothing',
    async () => {
      const requests = fc.sample(requestArb, { numRuns: RUNS, seed: SEED }).map((spec, n) => materialize(spec, n));
      const answers = await inBatches(requests, IN_FLIGHT, (request) => send(agent, port, request));

      const histogram: Record<string, number> = {};
      const notRefused: unknown[] = [];
      const withoutCode: unknown[] = [];
      answers.forEach((answer, i) => {
        histogram[answer.status] = (histogram[answer.status] ?? 0) + 1;
        const r = requests[i]!;
        const seen = { route: r.route, poisons: r.poisons, path: short(r.path, 200), headers: r.headers, body: short(r.body), status: answer.status, answer: short(answer.text) };
        if (answer.status < 400 || answer.status > 499) notRefused.push(seen);
        else if (typeof codeOf(answer.text) !== 'string') withoutCode.push(seen);
      });
      console.log(`hostile writes (seed ${SEED}): ${requests.length} requests, statuses ${JSON.stringify(histogram)}`);

      expect(requests).toHaveLength(RUNS);
      // The count, and the first twenty in full (each with its poisons) to reproduce from.
      expect({ notRefused: notRefused.length, first: notRefused.slice(0, 20) }).toEqual({ notRefused: 0, first: [] });
      expect({ withoutCode: withoutCode.length, first: withoutCode.slice(0, 20) }).toEqual({ withoutCode: 0, first: [] });
      expect(Object.keys(histogram).filter((status) => Number(status) >= 500)).toEqual([]);
      expect(await ledger.runtime.store.headPosition()).toBe(seededHead);
    },
    240_000,
  );

  it('stays healthy, and each route’s unspoiled command is still recorded', async () => {
    expect((await ledger.anonymous().get('/health')).status).toBe(200);
    // The commands every request was spoiled from: valid, so the refusals above were the poisons' doing.
    for (const [i, route] of WRITE_ROUTES.entries()) {
      const { figureId, body } = route.base(RUNS + i);
      const path = pathOf(route.path, route.target, figureId ?? '');
      const response = await ledger.anonymous().post(path).set(bearer(ROLE_KEYS.writer)).send(body);
      expect({ path, status: response.status, code: response.body.code }).toEqual({ path, status: 201, code: undefined });
    }
    expect(await ledger.runtime.store.headPosition()).toBeGreaterThan(seededHead);
  });
});
