import { laterHypotheticalLines, referenceDealLines, routeOf } from '../support/reference-deal.js';
import { startTestLedger, tempDataDir, type TestLedger } from '../support/test-ledger.js';

/**
 * Every field at every depth of every write route's body, spoiled one at a time: left out,
 * null, of another JSON type (a number for a string, a string for a number, an array for an
 * object, an object for an array). Each valid command of the reference deal and its later
 * events is the starting point. Whatever the spoiled body, the answer is never a 5xx, and a
 * refused request writes nothing. (A spoiled optional field may still be a valid command.)
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value in `body`, depth first: `['stake', 'value', 'measure', 'kind']`. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, Json][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

/** The body with the value at `path` replaced (or removed, for `undefined`). */
function spoiled(body: Json, path: (string | number)[], replacement: Json | undefined): Json {
  const copy = structuredClone(body) as Record<string | number, Json>;
  let parent: Record<string | number, Json> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const last = path.at(-1)!;
  if (replacement !== undefined) parent[last] = replacement;
  else if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete parent[last];
  return copy;
}

/** What each value is spoiled into: gone, null, and the other JSON types. */
function spoilsOf(value: Json): { label: string; replacement: Json | undefined }[] {
  const others: { label: string; replacement: Json }[] = [
    { label: 'a number', replacement: 42 },
    { label: 'a string', replacement: 'x' },
    { label: 'an array', replacement: [] },
    { label: 'an object', replacement: {} },
    { label: 'a boolean', replacement: true },
  ];
  const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
  return [{ label: 'left out', replacement: undefined }, { label: 'null', replacement: null }, ...others.filter((o) => o.label !== kind)];
}

describe('every field of every write route, spoiled one at a time', () => {
  const data = tempDataDir();
  let ledger: TestLedger;
  const lines = [...referenceDealLines(), ...laterHypotheticalLines()];

  beforeAll(async () => {
    ledger = await startTestLedger({ dataDir: data.dir });
    for (const line of lines) await ledger.http().post(routeOf(line)).send(line.body).expect(201);
  });

  afterAll(async () => {
    await ledger.close();
    data.remove();
  });

  it('names a missing nested object by its path: 400, not a 500', async () => {
    const stake = await ledger.http().post('/deals/caremag-2025/stakes').send({ holder: 'jogmec', target: 'caremag' }).expect(400);
    expect(stake.body).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED', field: 'stake' });
    const line = lines.find((l) => l.command === 'DiscloseStake')!;
    const withoutMeasure = spoiled(line.body as Json, ['stake', 'value', 'measure'], undefined) as object;
    const measure = await ledger.http().post(routeOf(line)).send(withoutMeasure).expect(400);
    expect(measure.body).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED', field: 'stake.value.measure' });
  });

  it.each(lines.map((line, i) => [i + 1, line.command, line] as const))('command %i (%s): never a 5xx, and nothing written when refused', async (_n, _command, line) => {
    const serverErrors: string[] = [];
    let requests = 0;
    for (const path of pathsOf(line.body as Json)) {
      const value = path.reduce<Json>((v, key) => (v as Record<string | number, Json>)[key]!, line.body as Json);
      for (const { label, replacement } of spoilsOf(value)) {
        const before = await ledger.runtime.store.headPosition();
        const { status, body } = await ledger.http().post(routeOf(line)).send(spoiled(line.body as Json, path, replacement) as object);
        requests++;
        const where = `${path.join('.')} ${label}`;
        if (status >= 500) serverErrors.push(`${where}: ${status} ${JSON.stringify(body)}`);
        if (status >= 400) expect({ where, head: await ledger.runtime.store.headPosition() }).toEqual({ where, head: before });
        else expect({ where, status }).toEqual({ where, status: 201 });
      }
    }
    expect(serverErrors).toEqual([]);
    expect(requests).toBeGreaterThan(10);
  });
});
