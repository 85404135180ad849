/**
 * The names of one generation of a projection's tables. Generation 0 uses the base names
 * (what a projection had before it was first rebuilt); generation n appends `__g<n>`, so
 * a rebuild writes beside the tables readers use and a swap is one pointer update.
 */
export interface TableSet {
  readonly generation: number;
  /** The name, in this generation, of a table or index the projection calls `base`. */
  name(base: string): string;
}

const cache = new Map<number, TableSet>();

export function tableSet(generation: number): TableSet {
  let set = cache.get(generation);
  if (!set) {
    if (!Number.isSafeInteger(generation) || generation < 0) throw new RangeError(`Invalid generation ${generation}`);
    const suffix = generation === 0 ? '' : `__g${generation}`;
    set = { generation, name: (base) => `${base}${suffix}` };
    cache.set(generation, set);
  }
  return set;
}

/** The generation a table name belongs to, if it is `base` in some generation. */
export function generationOfTable(base: string, table: string): number | undefined {
  if (table === base) return 0;
  const match = /^__g(\d+)$/.exec(table.startsWith(base) ? table.slice(base.length) : '');
  return match ? Number(match[1]) : undefined;
}
