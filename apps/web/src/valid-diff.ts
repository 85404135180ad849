/**
 * Two answers of one deal "as in effect on" two dates, compared figure by figure: what the
 * sources said stood on the first date and on the second. The ledger's diff route compares
 * record moments; this compares valid times from the two answers the page already reads.
 * No DOM here (tested under Node).
 */
export interface EffectFigure {
  figureId: string;
  label: string;
  display: string;
  status: string;
  reportedAt: string;
  effectiveAt?: string;
}

export interface EffectChange {
  figureId: string;
  label: string;
  kind: 'added' | 'changed' | 'removed';
  before?: EffectFigure;
  after?: EffectFigure;
}

/** Every figure whose value or status differs between the two dates, in the later answer's order. */
export function effectDiff(from: readonly EffectFigure[], to: readonly EffectFigure[]): EffectChange[] {
  const before = new Map(from.map((f) => [f.figureId, f]));
  const after = new Map(to.map((f) => [f.figureId, f]));
  const changes: EffectChange[] = [];
  for (const f of to) {
    const was = before.get(f.figureId);
    if (!was) changes.push({ figureId: f.figureId, label: f.label, kind: 'added', after: f });
    else if (was.display !== f.display || was.status !== f.status) changes.push({ figureId: f.figureId, label: f.label, kind: 'changed', before: was, after: f });
  }
  for (const f of from) if (!after.has(f.figureId)) changes.push({ figureId: f.figureId, label: f.label, kind: 'removed', before: f });
  return changes;
}
