import type { EmmettLoad } from '../peers/emmett-install.js';
import type { BenchOptions } from './options.js';
import type { Report } from './report.js';
import type { ScratchSpace } from './temp-dir.js';

/** What every workload gets: the options, where to write, where to report. */
export interface BenchContext {
  options: BenchOptions;
  report: Report;
  scratch: ScratchSpace;
  emmett: EmmettLoad;
  /** Progress lines (stderr), so stdout holds only the tables. */
  log(line: string): void;
  /**
   * A ledger store file holding every deal with its opening facts (registered, an
   * investment, a stake), written once per run: workloads copy it, never write to it.
   */
  openingStore(): Promise<string>;
}
