/**
 * Which texts name people. A source's `attribution` ("Yuka Obayashi", "a JOGMEC official")
 * is where events hold names; every `source` object, at any depth of a command or an event,
 * has its attribution treated as personal data.
 */
const PERSONAL_FIELDS_OF = { source: ['attribution'] } as const;

type Container = keyof typeof PERSONAL_FIELDS_OF;

/**
 * A copy of `value` with every personal text replaced by what `replace` returns for it.
 * `path` names the text in `value` (`figures[0].source.attribution`), for refusals.
 */
export function mapPersonalTexts<T>(value: T, replace: (text: string, path: string) => string): T {
  return walk(value, '', undefined, replace) as T;
}

function walk(value: unknown, path: string, container: Container | undefined, replace: (text: string, path: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item, i) => walk(item, `${path}[${i}]`, undefined, replace));
  if (value === null || typeof value !== 'object') return value;
  const personal: readonly string[] = container ? PERSONAL_FIELDS_OF[container] : [];
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const at = path === '' ? key : `${path}.${key}`;
    if (typeof item === 'string' && personal.includes(key)) copy[key] = replace(item, at);
    else copy[key] = walk(item, at, key in PERSONAL_FIELDS_OF ? (key as Container) : undefined, replace);
  }
  return copy;
}
