import type { ProjectionView, SwapView } from './projections-client.js';

/** `ledger projections list`, for people. */
export function formatList(projections: ProjectionView[], source: string): string {
  const rows = projections.map((p) => [
    p.name,
    p.servedVersion === p.version ? `v${p.version}` : `v${p.servedVersion}→v${p.version}`,
    p.state,
    p.checkpoint,
    p.head,
    `${p.lag.events} (${p.lag.seconds.toFixed(1)}s)`,
    String(p.eventsPerSecond),
    String(p.quarantined),
    p.build
      ? `${p.build.kind} ${p.build.done}/${p.build.total} ${p.build.eventsPerSecond}/s${p.build.etaSeconds === null ? '' : ` ETA ${Math.ceil(p.build.etaSeconds)}s`}`
      : '',
    p.lastError ? p.lastError.message : '',
  ]);
  const header = ['projection', 'version', 'state', 'checkpoint', 'head', 'lag', 'events/s', 'quarantined', 'build', 'last error'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [`(${source})`, line(header), ...rows.map(line)].join('\n');
}

/** The comparison report printed after a swap. */
export function formatSwap(projection: string, swap: SwapView): string {
  const lines = [
    `${projection}: generation ${swap.toGeneration} (v${swap.toVersion}) swapped in at ${swap.position}, replacing generation ${swap.fromGeneration} (v${swap.fromVersion})`,
    swap.comparison.identical
      ? 'The new rows are identical to the ones they replace.'
      : `What changed for readers (${swap.comparison.differences} rows):`,
  ];
  for (const t of swap.comparison.tables) {
    if (t.added + t.removed + t.changed === 0 && t.columnsAdded.length + t.columnsRemoved.length === 0) continue;
    lines.push(`  ${t.table}: +${t.added} added, -${t.removed} removed, ~${t.changed} changed, ${t.unchanged} unchanged`);
    if (t.columnsAdded.length) lines.push(`    columns added: ${t.columnsAdded.join(', ')}`);
    if (t.columnsRemoved.length) lines.push(`    columns removed: ${t.columnsRemoved.join(', ')}`);
    for (const kind of ['changed', 'added', 'removed'] as const) {
      if (t.samples[kind].length) lines.push(`    e.g. ${kind}: ${t.samples[kind].join(' ')}`);
    }
  }
  return lines.join('\n');
}
