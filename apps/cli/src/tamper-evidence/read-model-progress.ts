import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { ReadModelCheckProgress } from '#application';

/**
 * The read-model check's progress bar on stderr, only on a terminal and only once there
 * is enough to check for it to matter (as the chain verification's bar). Lines logged
 * through it (the differences found) are printed above the bar; without a bar, to stderr.
 */
export function readModelProgressBar(minimumDeals = 1_000, minimumEvents = 50_000) {
  const print = (line: string) => console.error(line);
  if (!process.stderr.isTTY) return { onProgress: undefined, print, stop: () => {} };
  let bars: MultiBar | undefined;
  let bar: SingleBar | undefined;
  let stage: ReadModelCheckProgress['stage'] | undefined;
  return {
    onProgress: (p: ReadModelCheckProgress) => {
      if (!bars) {
        if (p.total < (p.stage === 'read-models' ? minimumDeals : minimumEvents)) return;
        bars = new MultiBar(
          { format: 'read models [{bar}] {percentage}% | {stage} {value}/{total} | {differences} differences', stream: process.stderr },
          Presets.shades_classic,
        );
      }
      if (p.stage !== stage) {
        if (bar) bars.remove(bar);
        stage = p.stage;
        bar = bars.create(p.total, 0, { stage: p.stage === 'read-models' ? 'deals' : 'log position', differences: 0 });
      }
      bar!.update(p.done, { differences: p.differences });
    },
    print: (line: string) => (bars ? bars.log(`${line}\n`) : print(line)),
    stop: () => bars?.stop(),
  };
}
