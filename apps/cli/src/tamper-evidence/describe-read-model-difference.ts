import type { ReadModelDifference, Row, SqlValue } from '#application';

const WHAT: Record<ReadModelDifference['kind'], string> = {
  'value-differs': 'a value served is not the one the events give',
  'row-missing': 'the events give a row the read model lacks',
  'row-unexpected': 'the read model serves a row no event gives',
  'ahead-of-log': 'the read model shows a revision the stream does not have',
  'event-fails': 'the projection fails on an event of the deal',
};

/** One difference, for a person reading a terminal: the deal, the row, and both values. */
export function describeReadModelDifference(difference: ReadModelDifference): string {
  const { kind, dealId, projection, table, key, column, served, expected, note } = difference;
  const lines = [`READ_MODEL.${kind.toUpperCase().replaceAll('-', '_')}: ${WHAT[kind]}`];
  lines.push(`  deal       ${dealId}`);
  lines.push(`  row        ${projection} ${table} ${keyInWords(key)}`);
  if (column !== undefined) lines.push(`  column     ${column}`);
  lines.push(`  served     ${valueInWords(served, kind === 'ahead-of-log' ? 'no such revision' : 'no row')}`);
  lines.push(`  events     ${valueInWords(expected, kind === 'ahead-of-log' ? 'no stream' : 'no row')}`);
  if (note !== undefined) lines.push(`  why        ${note}`);
  return lines.join('\n');
}

function keyInWords(key: Row): string {
  return `[${Object.entries(key).map(([column, value]) => `${column}=${String(value)}`).join(', ')}]`;
}

function valueInWords(value: SqlValue | Row, none: string): string {
  if (value === null) return `— (${none})`;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
}
