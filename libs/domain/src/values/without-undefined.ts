/** The same object without its `undefined` members: absent, not `undefined`, as JSON would read it back. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
