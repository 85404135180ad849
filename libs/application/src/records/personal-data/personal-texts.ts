/**
 * Which texts name people: a source's `attribution` ("Yuka Obayashi", "a JOGMEC official")
 * and who made an estimate (`estimate.by`, "an analyst"). Every such object, at any depth of
 * a command or an event, has these fields treated as personal data.
 */
const PERSONAL_FIELDS_OF = { source: ['attribution'], estimate: ['by'] } as const;

type Container = keyof typeof PERSONAL_FIELDS_OF;

/** Where a text stands: its path in the value (`figures[0].source.attribution`), and whether it names a person. */
export interface TextPlace {
  path: string;
  personal: boolean;
}

/** A copy of `value` with every string replaced by what `replace` returns for it (the one walk over texts). */
export function mapTexts<T>(value: T, replace: (text: string, place: TextPlace) => string): T {
  return walk(value, '', undefined, replace) as T;
}

function walk(value: unknown, path: string, container: Container | undefined, replace: (text: string, place: TextPlace) => string): unknown {
  if (typeof value === 'string') return replace(value, { path, personal: false });
  if (Array.isArray(value)) return value.map((item, i) => walk(item, `${path}[${i}]`, undefined, replace));
  if (value === null || typeof value !== 'object') return value;
  const personal: readonly string[] = container ? PERSONAL_FIELDS_OF[container] : [];
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const at = path === '' ? key : `${path}.${key}`;
    if (typeof item === 'string') copy[key] = replace(item, { path: at, personal: personal.includes(key) });
    else copy[key] = walk(item, at, key in PERSONAL_FIELDS_OF ? (key as Container) : undefined, replace);
  }
  return copy;
}

/** The command without its personal texts: what its idempotency fingerprint is taken of, so no name can be guessed from it. */
export function withoutPersonalTexts<T>(value: T): T {
  return mapTexts(value, (text, { personal }) => (personal ? '' : text));
}
