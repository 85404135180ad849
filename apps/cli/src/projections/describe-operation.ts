import type { RunnerOperation } from '#projections';

/** One log line for what the projection runner did on its own (for `ledger serve`). */
export function describeOperation(operation: RunnerOperation): string {
  switch (operation.type) {
    case 'rebuild-started': {
      const { record } = operation;
      return `${record.projection}: rebuilding as v${record.version} (generation ${record.generation}) beside the v${operation.servedVersion} rows, which keep serving reads: ${record.reason ?? ''}`;
    }
    case 'rebuilt-in-place':
      return `${operation.projection}: v${operation.fromVersion} → v${operation.toVersion}, rebuilt in place (it declares no tables to build beside)`;
    case 'swapped': {
      const { swap } = operation;
      const changes = swap.comparison.identical ? 'identical rows' : `${swap.comparison.differences} rows differ`;
      return `${swap.projection}: generation ${swap.toGeneration} (v${swap.toVersion}) swapped in at position ${swap.position}; ${changes}`;
    }
    case 'quarantined':
      return `${operation.projection}: event ${operation.event.position} (${operation.event.type}) of ${operation.event.streamId} quarantined; later events of that stream wait: ${operation.error}`;
  }
}
