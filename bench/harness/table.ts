import type { Comparison, Report } from './report.js';

/** Plain-text tables (also valid Markdown) for the terminal and the README. */
export function renderReport(report: Report): string {
  const figures = markdownTable(
    ['workload', 'system', 'metric', 'median', 'min', 'max', 'note'],
    report.figures.map((f) => [
      f.workload,
      f.system,
      f.metric,
      formatNumber(f.spread.median),
      formatNumber(f.spread.min),
      formatNumber(f.spread.max),
      f.note ?? '',
    ]),
  );
  const comparisons = markdownTable(
    ['comparison', 'value', 'target', 'status'],
    report.comparisons.map((c) => [c.label, formatValue(c), formatTarget(c), formatStatus(c)]),
  );
  const gaps = report.gaps.map((g) => `- ${g.workload} / ${g.system}: not measured: ${g.reason}`);
  return [figures, '', comparisons, ...(gaps.length ? ['', ...gaps] : [])].join('\n');
}

const withUnit = (value: string, unit: Comparison['unit']): string => (unit === 'x' ? `${value}×` : `${value} ${unit}`);

function formatValue(c: Comparison): string {
  return withUnit(c.unit === 'commands/s' ? c.value.toFixed(0) : c.value.toFixed(2), c.unit);
}

function formatTarget(c: Comparison): string {
  if (!c.target) return '—';
  const op = c.target.op === '>=' ? '≥' : c.target.op === '<=' ? '≤' : '<';
  return `${op} ${withUnit(String(c.target.threshold), c.unit)}`;
}

function formatStatus(c: Comparison): string {
  if (c.met === undefined || !c.target) return '';
  if (c.met) return 'met';
  const { threshold, op } = c.target;
  // How far off, as a share of the target: "missed by 38%".
  const off = op === '>=' ? (threshold - c.value) / threshold : (c.value - threshold) / threshold;
  return `missed by ${(off * 100).toFixed(0)}%`;
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return Math.round(value).toLocaleString('en-US');
  if (magnitude >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}
