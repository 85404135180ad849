import { spread, type Spread } from './stats.js';

export type SystemName = 'Deal Ledger' | 'raw better-sqlite3' | 'Emmett SQLite' | 'raw read + parse' | 'raw node:crypto' | 'Deal Ledger, no tree';

/** One figure: a metric of one system on one workload, measured over several runs. */
export interface Figure {
  id: string;
  workload: string;
  system: SystemName;
  metric: string;
  samples: number[];
  spread: Spread;
  note?: string;
}

/** A target of the issue, or a plain ratio when `target` is absent: reported, never asserted. */
export interface Comparison {
  label: string;
  /** e.g. 0.62 (a ratio) or 8.4 (ms). */
  value: number;
  unit: 'x' | 'ms' | 'commands/s';
  target?: { op: '>=' | '<=' | '<'; threshold: number };
  met?: boolean;
  /** How it was computed, e.g. "ledger median / raw median". */
  basis: string;
}

/** What could not be measured, and why. */
export interface Gap {
  workload: string;
  system: SystemName;
  reason: string;
}

/** Everything a bench run found; printed as tables and written as JSON. */
export class Report {
  readonly figures: Figure[] = [];
  readonly comparisons: Comparison[] = [];
  readonly gaps: Gap[] = [];
  /** Facts about the data measured (payload sizes, store sizes, errors seen). */
  readonly facts: Record<string, unknown> = {};

  add(figure: Omit<Figure, 'spread'>): Figure {
    const complete = { ...figure, spread: spread(figure.samples) };
    this.figures.push(complete);
    return complete;
  }

  find(id: string): Figure | undefined {
    return this.figures.find((f) => f.id === id);
  }

  /** Ratio of two figures' medians, with the target it is held to (if any). */
  ratio(label: string, numeratorId: string, denominatorId: string, target?: Comparison['target']): void {
    const numerator = this.find(numeratorId);
    const denominator = this.find(denominatorId);
    if (!numerator || !denominator) return;
    this.compare({
      label,
      value: numerator.spread.median / denominator.spread.median,
      unit: 'x',
      basis: `${numeratorId} / ${denominatorId} (medians)`,
      ...(target ? { target } : {}),
    });
  }

  compare(comparison: Omit<Comparison, 'met'>): void {
    const { target, value } = comparison;
    const met =
      target === undefined
        ? undefined
        : target.op === '>='
          ? value >= target.threshold
          : target.op === '<='
            ? value <= target.threshold
            : value < target.threshold;
    this.comparisons.push({ ...comparison, ...(met === undefined ? {} : { met }) });
  }

  gap(gap: Gap): void {
    this.gaps.push(gap);
  }
}
