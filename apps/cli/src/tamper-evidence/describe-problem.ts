import type { ChainProblem } from '#event-store';

/** The first problem, for a person reading a terminal: what, where, and both hashes. */
export function describeChainProblem(problem: ChainProblem): string {
  const lines = [`${problem.code}: ${problem.message}`];
  if (problem.streamId !== undefined) {
    const revision = problem.revision ?? problem.expectedRevision;
    lines.push(`  stream     ${problem.streamId}${revision !== undefined ? ` revision ${revision}` : ''}`);
  }
  if (problem.position !== undefined) lines.push(`  position   ${problem.position}`);
  if (problem.eventId !== undefined) lines.push(`  event id   ${problem.eventId}`);
  if (problem.leafIndex !== undefined) lines.push(`  leaf       ${problem.leafIndex}`);
  if (problem.expectedRevision !== undefined) lines.push(`  expected   revision ${problem.expectedRevision}`);
  if (problem.expectedHash !== undefined) lines.push(`  expected   ${problem.expectedHash}`);
  if (problem.foundHash !== undefined) lines.push(`  found      ${problem.foundHash}`);
  if (problem.checkpoint) lines.push(`  checkpoint tree size ${problem.checkpoint.treeSize} (${problem.checkpoint.source})`);
  if (problem.otherCheckpoint) lines.push(`  and        tree size ${problem.otherCheckpoint.treeSize} (${problem.otherCheckpoint.source})`);
  return lines.join('\n');
}

/** An export refused (the ledger does not verify, or its tree does not reach the export yet): why, then exit 1. */
export function reportNotExported(result: { reason: string; report: { problem?: ChainProblem | undefined } | undefined }, json: boolean | undefined): number {
  if (json) console.log(JSON.stringify({ ok: false, reason: result.reason, problem: result.report?.problem }));
  console.error(`Not exported: ${result.reason}.`);
  if (result.report?.problem) console.error(describeChainProblem(result.report.problem));
  return 1;
}
