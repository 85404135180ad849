import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Machine } from './machine.js';
import type { Report } from './report.js';
import { RESULTS_DIR } from './paths.js';

export interface ResultsFile {
  date: string;
  mode: 'full' | 'quick';
  /** The workloads asked for with --only or --scale; empty: the default set. */
  only: string[];
  seconds: number;
  machine: Machine;
  sizes: unknown;
  figures: Report['figures'];
  comparisons: Report['comparisons'];
  gaps: Report['gaps'];
  facts: Report['facts'];
}

/**
 * bench/results/<date>.json for a full run, <date>-quick.json for a quick one and
 * <date>[-quick]-<workloads>.json for a run of some workloads, so that neither overwrites
 * the day's full figures. Written to a .tmp first (gitignored) and
 * renamed, so an interrupted run leaves no half file.
 */
export function writeResults(results: ResultsFile): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const day = results.date.slice(0, 10);
  const name = [day, ...(results.mode === 'quick' ? ['quick'] : []), ...results.only].join('-');
  const file = join(RESULTS_DIR, `${name}.json`);
  writeFileSync(`${file}.tmp`, JSON.stringify(results, null, 2) + '\n');
  renameSync(`${file}.tmp`, file);
  return file;
}
