import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import {
  applyRecordedErasures,
  forgetDisposedNames,
  DurableSubscriptionStore,
  EventStreamSubscriptionStates,
  IMPORTED_SUBSCRIPTIONS_FILE,
  importLocalSubscriptions,
  InMemoryPersonalDataVault,
  PERSONAL_DATA_FILE,
  PersonalDataResolver,
  PersonalDataSealer,
  ProjectionAdmin,
  openSubscriptionDatabase,
  SqlitePersonalDataVault,
  type DurableSubscriptionStates,
  type PersonalDataVault,
  type TamperEvidenceSettings,
} from '#application';
import { InMemoryEventStore, SqliteEventStore, type ChainProblem, type EventStore, type SelfHealing } from '#event-store';
import {
  AuditReader,
  DealStateReader,
  PartyDirectoryReader,
  partyDirectoryProjection,
  ProjectionRunner,
  auditProjection,
  dealStateProjection,
  openReadModelDatabase,
  type Projection,
  type RunnerOperation,
} from '#projections';
import { tamperEvidenceSettings, type LedgerConfig } from './config.js';
import type { KeyEvents, RetentionSchedule } from '#application';
import { assertTrustWithinKeyStream, keyEventsOf } from './credentials/key-event-trust.js';
import { assertSigningKeyMayBeCreated } from './credentials/signing-key-creation.js';
import { AppendObservations } from './append-observations.js';
import { consoleReport, type RuntimeReport } from './runtime-report.js';
import { moveReadModelsAside, readModelsForeignTo, recordReadModelsOrigin } from './read-models-origin.js';
import { openKurrentDbStore } from './kurrentdb-store.js';
import { openCheckpointSigning, openLedgerTransparency, TRANSPARENCY_FILE, type CheckpointSigning, type LedgerTransparency } from './ledger-transparency.js';

/** Everything with a lifetime: the event store, the read models and what feeds them. */
export interface LedgerRuntime {
  store: EventStore;
  readModels: Database;
  runner: ProjectionRunner;
  /** Status, rebuilds, replays and quarantine of the projections, recorded in the admin stream. */
  projectionAdmin: ProjectionAdmin;
  dealReader: DealStateReader;
  partyReader: PartyDirectoryReader;
  auditReader: AuditReader;
  /**
   * Durable subscriptions' definitions, checkpoints and parked events: `subscriptions.sqlite`
   * beside a SQLite (or in-memory) log, which one process owns; on KurrentDB, streams of the
   * store itself (`subscription-…`), so that every replica serving it shares them.
   */
  subscriptions: DurableSubscriptionStates;
  /** How the ledger proves its log: the signing key, the checkpoint schedule, the TSA. */
  tamperEvidence: TamperEvidenceSettings;
  /** The log tree over every event, the signed checkpoints, and proofs between them. */
  transparency: LedgerTransparency;
  /** The ledger's signing key (created on first use) and the signer of its checkpoints. */
  signing: CheckpointSigning;
  /** Key events are signed with that key; which ones the ledger believes (credentials/key-event-trust.ts). */
  keyEvents: KeyEvents;
  /** The clock the store stamps commit times with: what "now" is for the record. */
  clock: () => Date;
  /** How long each category of record is kept (LEDGER_RETENTION_*_YEARS). */
  retention: RetentionSchedule;
  /**
   * The parts that follow the log and heal on their own, for `/health/ready`, metrics and an
   * admin's retry: the projection runner and the log tree's follower; whoever starts
   * another such part beside the runtime (the checkpoint schedule, `ledger serve`) adds it.
   */
  selfHealing: SelfHealing[];
  /** Every write to the log, timed (for `/metrics`). */
  appends: AppendObservations;
  /** Names of people, apart from the log (`personal-data.sqlite`): sealed into tokens, resolved for readers, erasable. */
  personalData: PersonalData;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  clock?: () => Date;
  onProjectionError?: (error: unknown) => void;
  /** Rebuilds, swaps and quarantines the runner reports (for the log). */
  onProjectionOperation?: (operation: RunnerOperation) => void;
  /**
   * Projections to feed in place of the ledger's own of the same name (a new version of
   * one, in tests and drills), plus any others. The ledger's readers need theirs fed.
   */
  projections?: Projection[];
  /** False: open the read models without feeding them (`ledger projections list` with no server). */
  startProjections?: boolean;
  /** How long to wait for a read-model file another process holds (default 5 s). */
  readModelBusyTimeoutMs?: number;
  /** Placed between the ledger and its store: a fault-injecting double, in drills and tests. */
  aroundStore?: (store: EventStore) => EventStore;
  /**
   * Opens the store in place of the one the configuration names (whose kind still decides the
   * rest): replicas of a KurrentDB ledger over the KurrentDB client double, in tests.
   */
  openStore?: () => Promise<EventStore>;
  /** The log tree's follower halted: an event does not fit its chain, or the log lost events the tree holds. */
  onTreeProblem?: (problem: ChainProblem) => void;
  /** The log tree's follower met a failure of the machine (disk full, store unavailable): it starts again on its own. */
  onTreeFailure?: (error: unknown) => void;
  /** Where what fails in the background is reported (serve: its JSON logger; default: standard error). */
  report?: RuntimeReport;
}

/** The read models' database in the data directory. */
export const READ_MODELS_FILE = 'read-models.sqlite';

/** Every read model of the ledger, in the order the runner feeds them. */
export const ledgerProjections = (): Projection[] => [dealStateProjection, auditProjection, partyDirectoryProjection];

export async function openLedgerRuntime(config: LedgerConfig, options: RuntimeOptions = {}): Promise<LedgerRuntime> {
  const ownStore = options.openStore ? await options.openStore() : await openEventStore(config, options);
  const appends = new AppendObservations();
  const store = appends.around(options.aroundStore ? options.aroundStore(ownStore) : ownStore);
  const clock = options.clock ?? (() => new Date());
  const tamperEvidence = tamperEvidenceSettings(config);
  try {
    await assertTrustWithinKeyStream(store, config);
    await assertSigningKeyMayBeCreated(store, config, tamperEvidence.signingKeyFile);
  } catch (error) {
    await store.close();
    throw error;
  }
  let transparency: LedgerTransparency;
  try {
    transparency = await openLedgerTransparency(
      store,
      tamperEvidence,
      { file: sqliteFile(config, TRANSPARENCY_FILE) },
      {
        ...(options.onTreeProblem ? { onProblem: options.onTreeProblem } : {}),
        ...(options.onTreeFailure ? { onFailure: options.onTreeFailure } : {}),
      },
    );
  } catch (error) {
    await store.close();
    throw error;
  }
  const report = options.report ?? consoleReport;
  const readModelsFile = sqliteFile(config, READ_MODELS_FILE);
  const openReadModels = () =>
    openReadModelDatabase(readModelsFile, options.readModelBusyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.readModelBusyTimeoutMs });
  let signing: CheckpointSigning;
  let readModels: Database;
  try {
    signing = openCheckpointSigning(
      transparency.log,
      tamperEvidence,
      clock,
      config.store === 'memory' ? 'process' : 'file',
    );
    readModels = openReadModels();
  } catch (error) {
    await transparency.close();
    await store.close();
    throw error;
  }
  if (config.store !== 'memory' && options.startProjections !== false) {
    // Before the runner follows the log from the file's positions: are they this store's?
    try {
      const foreign = await readModelsForeignTo(readModels, store);
      if (foreign) {
        readModels.close();
        const aside = moveReadModelsAside(readModelsFile);
        readModels = openReadModels();
        report.warn(
          { component: 'read-models', file: readModelsFile, movedTo: aside },
          `Read models are rebuilt from the start of the log: ${foreign}. The old file is kept as ${aside}`,
        );
      }
      await recordReadModelsOrigin(readModels, store);
    } catch (error) {
      readModels.close();
      await transparency.close();
      await store.close();
      throw error;
    }
  }
  // The runner reports what it does on its own (a version rebuild, a swap) to the admin
  // stream, which needs the runner: bound once both exist, before the runner starts.
  let projectionAdmin: ProjectionAdmin | undefined;
  const runner = new ProjectionRunner(store, readModels, withOverrides(ledgerProjections(), options.projections ?? []), {
    onError: options.onProjectionError,
    onOperation: (operation) => {
      options.onProjectionOperation?.(operation);
      projectionAdmin?.recordRunnerOperation(operation);
    },
  });
  projectionAdmin = new ProjectionAdmin(store, runner, (error) =>
    report.error(
      { component: 'projection-admin', err: error },
      `Could not record a projection operation in the admin stream: ${String((error as Error)?.message ?? error)}`,
    ),
  );
  if (options.startProjections === false) runner.setUpTables();
  else runner.start();
  let opened: {
    dealReader: DealStateReader;
    partyReader: PartyDirectoryReader;
    auditReader: AuditReader;
    subscriptionsDb: Database | undefined;
    personalData: PersonalData;
  };
  const openedFiles: { close(): void }[] = [];
  try {
    const subscriptionsDb =
      config.store === 'kurrentdb' ? undefined : openSubscriptionDatabase(sqliteFile(config, 'subscriptions.sqlite'), config.sqliteSynchronous);
    if (subscriptionsDb) openedFiles.push(subscriptionsDb);
    if (!subscriptionsDb) {
      const imported = await importLocalSubscriptions(sqliteFile(config, 'subscriptions.sqlite'), new EventStreamSubscriptionStates(store, clock), sqliteFile(config, IMPORTED_SUBSCRIPTIONS_FILE));
      if (imported.length > 0) {
        report.warn(
          { component: 'durable-subscriptions', imported },
          `Durable subscriptions moved from ${sqliteFile(config, 'subscriptions.sqlite')} into KurrentDB, shared by every replica now: ${imported.join(', ')} (the file is kept as ${IMPORTED_SUBSCRIPTIONS_FILE})`,
        );
      }
    }
    const personalData = await openPersonalData(config, store, clock);
    openedFiles.push(personalData.vault);
    opened = {
      dealReader: new DealStateReader(readModels),
      partyReader: new PartyDirectoryReader(readModels),
      auditReader: new AuditReader(readModels),
      subscriptionsDb,
      personalData,
    };
  } catch (error) {
    // A half-opened runtime would keep its runner and files: close what is open, then fail.
    for (const file of openedFiles) file.close();
    await runner.stop();
    readModels.close();
    await transparency.close();
    await store.close();
    throw error;
  }
  const { dealReader, partyReader, auditReader, subscriptionsDb, personalData } = opened;
  return {
    store,
    readModels,
    runner,
    projectionAdmin,
    dealReader,
    partyReader,
    auditReader,
    subscriptions: subscriptionsDb ? new DurableSubscriptionStore(subscriptionsDb, options.clock) : new EventStreamSubscriptionStates(store, clock),
    tamperEvidence,
    transparency,
    signing,
    keyEvents: keyEventsOf(config, signing.signer.privateKey),
    clock,
    retention: config.retention,
    selfHealing: [runner, transparency.log.follower],
    appends,
    personalData,
    async close() {
      await runner.stop();
      await projectionAdmin.settled();
      // A ledger whose store was empty at start has a first event now: the file records it (best effort).
      if (config.store !== 'memory' && options.startProjections !== false) await recordReadModelsOrigin(readModels, store).catch(() => undefined);
      readModels.close();
      subscriptionsDb?.close();
      personalData.vault.close();
      await transparency.close();
      await store.close();
    },
  };
}

/** The personal-data vault with what seals names into it and reads them back. */
export interface PersonalData {
  vault: PersonalDataVault;
  sealer: PersonalDataSealer;
  resolver: PersonalDataResolver;
}

/**
 * The vault: in memory for the in-memory store (nothing outlives the process), else its own
 * file in the data directory. Erasures the log holds and the vault does not (a crash between
 * the two, a vault restored from a backup) are applied before anything reads it.
 */
export async function openPersonalData(config: LedgerConfig, store: EventStore, clock: () => Date): Promise<PersonalData> {
  const vault: PersonalDataVault =
    config.store === 'memory' ? new InMemoryPersonalDataVault() : new SqlitePersonalDataVault(sqliteFile(config, PERSONAL_DATA_FILE), config.sqliteSynchronous);
  try {
    await applyRecordedErasures(store, vault);
    await forgetDisposedNames(store, vault);
  } catch (error) {
    vault.close();
    throw error;
  }
  return { vault, sealer: new PersonalDataSealer(vault, clock), resolver: new PersonalDataResolver(vault) };
}

function withOverrides(own: Projection[], overrides: Projection[]): Projection[] {
  const byName = new Map(overrides.map((p) => [p.name, p]));
  return [...own.map((p) => byName.get(p.name) ?? p), ...overrides.filter((p) => !own.some((o) => o.name === p.name))];
}

/** The event store alone: what `ledger import` writes to. */
export async function openEventStore(config: LedgerConfig, options: RuntimeOptions = {}): Promise<EventStore> {
  if (config.store === 'memory') return new InMemoryEventStore({ clock: options.clock });
  if (config.store === 'kurrentdb') {
    const report = options.report ?? consoleReport;
    return openKurrentDbStore(config, options.clock, (line) => report.warn({ component: 'event-store', store: 'kurrentdb' }, line));
  }
  return SqliteEventStore.open({
    file: join(ensureDir(config.dataDir), 'events.sqlite'),
    synchronous: config.sqliteSynchronous,
    clock: options.clock,
  });
}

/** A file of the data directory, or an in-memory database when the store is in memory. */
function sqliteFile(config: LedgerConfig, name: string): string {
  return config.store === 'memory' ? ':memory:' : join(ensureDir(config.dataDir), name);
}

function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}
