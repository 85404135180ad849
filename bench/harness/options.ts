/** What `npm run bench [-- --quick] [-- --only a,b] [-- --cpu-prof]` asks for. */
export interface BenchOptions {
  quick: boolean;
  /** Workload ids to run; all when empty. */
  only: ReadonlySet<string>;
  /** Pass `--cpu-prof` to the child processes (server, rebuilds); profiles land in bench/results/profiles. */
  cpuProf: boolean;
  /** `--no-peer`: leave Emmett out (and do not install it). */
  peer: boolean;
  sizes: BenchSizes;
}

export interface BenchSizes {
  /** Timed runs per figure (the median of these is reported). */
  runs: number;
  /** Deals in every store. */
  deals: number;
  /** Commands per run of the one-at-a-time append. */
  singleAppendCommands: number;
  /** Deals in the bulk import file, and facts per deal (their product: commands per run). */
  bulkDeals: number;
  bulkCommandsPerDeal: number;
  bulkBatchSize: number;
  /** Requests per run and per concurrency level of the closed-loop HTTP workload. */
  httpRequests: number;
  httpConcurrency: readonly number[];
  /** The paced run: commands per second, commands in all (one run), and commands per chunk (turns with the raw commits). */
  pacedRate: number;
  pacedCommands: number;
  pacedChunk: number;
  /** GET /deals/:dealId requests per run. */
  readRequests: number;
  /** Deals in the rebuild logs, and events in the small and the large log (10× the small). */
  rebuildDeals: number;
  rebuildEvents: readonly [number, number];
  /** Log trees built for the proof figures (checkpoint signing, proof sizes and latency). */
  proofTreeSizes: readonly number[];
  /** The scale run's small and large store (`--scale`). */
  scaleEvents: readonly [number, number];
}

export const WORKLOADS = ['append-single', 'append-bulk', 'http', 'read', 'rebuild', 'proofs', 'subscriptions', 'scale'] as const;

/** Run only when named with --only (`--scale` names scale), so the default full run stays within its 15 minutes. */
const OPT_IN: ReadonlySet<string> = new Set(['subscriptions', 'scale']);

const FULL: BenchSizes = {
  runs: 5,
  deals: 10_000,
  singleAppendCommands: 1_000,
  bulkDeals: 10_000,
  bulkCommandsPerDeal: 2,
  bulkBatchSize: 500,
  httpRequests: 600,
  httpConcurrency: [1, 8, 32],
  pacedRate: 200,
  pacedCommands: 10_000,
  pacedChunk: 1_000,
  readRequests: 2_000,
  rebuildDeals: 10_000,
  rebuildEvents: [100_000, 1_000_000],
  proofTreeSizes: [10_000, 100_000, 1_000_000],
  scaleEvents: [1_000_000, 10_000_000],
};

/** The same workloads, smaller: a check that everything runs, in under two minutes. */
const QUICK: BenchSizes = {
  runs: 5,
  deals: 2_000,
  singleAppendCommands: 400,
  bulkDeals: 700,
  bulkCommandsPerDeal: 3,
  bulkBatchSize: 500,
  httpRequests: 200,
  httpConcurrency: [1, 8, 32],
  pacedRate: 200,
  pacedCommands: 1_000,
  pacedChunk: 250,
  readRequests: 500,
  rebuildDeals: 200,
  rebuildEvents: [2_000, 20_000],
  proofTreeSizes: [10_000, 100_000],
  scaleEvents: [100_000, 1_000_000],
};

export const USAGE = `npm run bench [-- options]
  --quick            every workload, smaller (a check that everything runs)
  --only a,b         some workloads: ${WORKLOADS.join(', ')}
  --scale            the scale run (1M and 10M events; 100k and 1M with --quick)
  --no-peer          without Emmett
  --cpu-prof         CPU profiles of the child processes, in bench/results/profiles`;

const FLAGS = new Set(['--quick', '--only', '--scale', '--no-peer', '--cpu-prof']);

/** Throws on a flag it does not know (with the usage): a typo must not start a 15-minute run. */
export function parseOptions(argv: readonly string[]): BenchOptions {
  const unknown = argv.filter((arg, i) => arg.startsWith('-') && !FLAGS.has(arg) && argv[i - 1] !== '--only');
  if (unknown.length > 0) throw new Error(`unknown option ${unknown.join(' ')}\n${USAGE}`);
  const quick = argv.includes('--quick');
  const onlyAt = argv.indexOf('--only');
  const only = new Set(onlyAt >= 0 ? (argv[onlyAt + 1] ?? '').split(',').filter(Boolean) : []);
  if (argv.includes('--scale')) only.add('scale');
  for (const id of only) {
    if (!(WORKLOADS as readonly string[]).includes(id)) {
      throw new Error(`--only: unknown workload ${id} (known: ${WORKLOADS.join(', ')})`);
    }
  }
  return { quick, only, cpuProf: argv.includes('--cpu-prof'), peer: !argv.includes('--no-peer'), sizes: quick ? QUICK : FULL };
}

export function wants(options: BenchOptions, workload: (typeof WORKLOADS)[number]): boolean {
  return options.only.size === 0 ? !OPT_IN.has(workload) : options.only.has(workload);
}
