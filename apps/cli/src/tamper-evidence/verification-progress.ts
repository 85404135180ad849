import { Presets, SingleBar } from 'cli-progress';
import type { VerificationProgress } from '#event-store';

/**
 * A progress bar on stderr, only when it is a terminal (never in pipes, logs or tests),
 * only once the store is large enough for it to matter.
 */
export function verificationProgressBar(label: string, minimumEvents = 50_000) {
  if (!process.stderr.isTTY) return { onProgress: undefined, stop: () => {} };
  let bar: SingleBar | undefined;
  return {
    onProgress: (p: VerificationProgress) => {
      if (!bar) {
        if (p.upTo < minimumEvents) return;
        bar = new SingleBar(
          { format: `${label} [{bar}] {percentage}% | position {value}/{total} | {events} events`, stream: process.stderr },
          Presets.shades_classic,
        );
        bar.start(p.upTo, 0, { events: 0 });
      }
      bar.update(p.position, { events: p.events });
    },
    stop: () => bar?.stop(),
  };
}
