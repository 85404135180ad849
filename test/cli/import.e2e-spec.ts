import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { referenceDealLines } from '../support/reference-deal.js';
import { getJson, localApiKey, runCli, startServe, stop } from '../support/cli.js';
import { tempDataDir } from '../support/test-ledger.js';

describe('ledger import', () => {
  const data = tempDataDir();
  afterAll(() => data.remove());

  it('records good lines, names each bad line, goes on after it, and records nothing twice on a second run', async () => {
    const lines = referenceDealLines().map((line) => {
      const { commandId: _dropped, ...rest } = line;
      return JSON.stringify(rest);
    });
    const bad = [
      '{"command": "AnnounceInvestment", "dealId": "caremag-2025", "body": {"investors": ["nobody"]',
      JSON.stringify({ command: 'FlyToTheMoon', dealId: 'caremag-2025', body: {} }),
      JSON.stringify({ command: 'DiscloseStake', dealId: 'caremag-2025', body: { holder: 'jogmec', target: 'caremag', stake: { value: { measure: { kind: 'percentage' }, qualifier: 'exact', amount: '130' }, source: { publisher: 'x', tier: 'primary' }, reportedAt: '2025-06-02' } } }),
    ];
    const file = join(data.dir, 'facts.jsonl');
    writeFileSync(file, [lines[0], bad[0], ...lines.slice(1, 6), bad[1], '', ...lines.slice(6), bad[2]].join('\n') + '\n');
    const env = { LEDGER_DATA_DIR: data.dir, LEDGER_SEED: 'none' };

    const first = runCli(['import', file, '--json', '--actor', 'importer'], env);
    expect(first.status).toBe(1);
    const summary = JSON.parse(first.stdout);
    expect(summary).toMatchObject({ recorded: 12, failed: 3, alreadyRecorded: 0, events: 12 });
    expect(summary.errors.map((e: { line: number; code: string }) => [e.line, e.code])).toEqual([
      [2, 'REQUEST.MALFORMED_JSON'],
      [8, 'REQUEST.VALIDATION_FAILED'],
      [16, 'FIGURE.PERCENTAGE_OUT_OF_RANGE'],
    ]);

    const second = JSON.parse(runCli(['import', file, '--json'], env).stdout);
    expect(second).toMatchObject({ recorded: 0, alreadyRecorded: 12, failed: 3, events: 0 });

    const ledger = await startServe(env);
    try {
      // The first serve of this data directory issues the local admin key: read with it.
      const key = localApiKey(data.dir);
      const events = await getJson(`${ledger.url}/deals/caremag-2025/events`, key);
      expect(events.events).toHaveLength(12);
      expect(events.events[0].metadata.actor).toBe('importer');
      const deal = await getJson(`${ledger.url}/deals/caremag-2025`, key);
      // Ten figures as reported, plus the offtake's term (a text figure since OfftakeSigned.v3).
      expect(deal.figures).toHaveLength(11);
    } finally {
      await stop(ledger.child);
    }
  });

  it('holds each line to the moment it is read and to LEDGER_EFFECTIVE_WINDOW, as the HTTP routes are', () => {
    const [register, investment] = referenceDealLines();
    const registerAs = (dealId: string, change: object = {}) => JSON.stringify({ command: 'RegisterDeal', body: { ...register!.body, dealId, ...change } });
    const investOn = (dealId: string, more: object = {}) => {
      const body = investment!.body as { amount: object };
      return JSON.stringify({ command: 'AnnounceInvestment', dealId, body: { ...body, amount: { ...body.amount, effectiveAt: '1990-01-01' }, ...more } });
    };
    const file = join(data.dir, 'times.jsonl');
    const reason = 'a 1990 agreement, as the filing states';
    writeFileSync(
      file,
      [registerAs('times-1'), registerAs('times-2', { reportedAt: '2099-01-01' }), investOn('times-1'), investOn('times-1', { plausibilityOverride: { reason } })].join('\n') + '\n',
    );
    const env = { LEDGER_DATA_DIR: data.dir, LEDGER_SEED: 'none', LEDGER_EFFECTIVE_WINDOW: '2000-01-01/P1Y' };

    const summary = JSON.parse(runCli(['import', file, '--json'], env).stdout);
    expect(summary).toMatchObject({ recorded: 2, failed: 2 });
    expect(summary.errors.map((e: { line: number; code: string; field: string }) => [e.line, e.code, e.field])).toEqual([
      [2, 'TIME.REPORTED_AFTER_RECORDING', 'reportedAt'],
      [3, 'TIME.EFFECTIVE_AT_IMPLAUSIBLE', 'amount.effectiveAt'],
    ]);

    const badWindow = runCli(['import', file, '--json'], { ...env, LEDGER_EFFECTIVE_WINDOW: 'since 1950' });
    expect(badWindow.status).not.toBe(0);
    expect(badWindow.stderr).toMatch(/LEDGER_EFFECTIVE_WINDOW must be <from>\/<to>/);
  });

  it('records party commands where they stand among deal lines, names their bad lines, and records nothing twice', async () => {
    const partyData = tempDataDir();
    try {
      const [register, investment] = referenceDealLines().map(({ commandId: _dropped, ...rest }) => rest);
      const source = { publisher: 'GLEIF', tier: 'primary' };
      const party = (command: string, fields: object, body: object) => JSON.stringify({ command, ...fields, body: { source, reportedAt: '2025-04-02', ...body } });
      const lines = [
        JSON.stringify(register),
        party('RegisterParty', {}, { partyId: 'carester', name: 'Carester', kind: 'company', country: 'FR' }),
        party('RegisterParty', {}, { partyId: 'iwatani', name: 'Iwatani', kind: 'company', lei: '506700GE1G29325QX363' }),
        JSON.stringify(investment),
        party('RenameParty', { partyId: 'iwatani' }, { name: 'Iwatani Corporation', effectiveAt: '2025-04-01' }),
        party('AddPartyAlias', { partyId: 'iwatani' }, { alias: 'Iwatani' }),
        party('LinkPartyParent', { partyId: 'iwatani' }, { parentId: 'carester', effectiveAt: '2025-01-01' }),
        party('EndPartyParentLink', { partyId: 'iwatani', parentId: 'carester' }, { effectiveAt: '2025-03-01' }),
        // Bad lines: no partyId; a deal's field on a party line; a field the POST refuses; a wrong LEI.
        party('RenameParty', {}, { name: 'Nobody', effectiveAt: '2025-04-01' }),
        party('AddPartyAlias', { partyId: 'iwatani', dealId: 'caremag-2025' }, { alias: 'Iwatani KK' }),
        party('RenameParty', { partyId: 'iwatani' }, { name: 'Iwatani KK', effectiveAt: '2025-04-01', colour: 'blue' }),
        party('RegisterParty', {}, { partyId: 'bad-lei', name: 'X', kind: 'company', lei: '506700GE1G29325QX364' }),
        party('EndPartyParentLink', { partyId: 'iwatani' }, { effectiveAt: '2025-03-01' }),
      ];
      const file = join(partyData.dir, 'parties.jsonl');
      writeFileSync(file, lines.join('\n') + '\n');
      const env = { LEDGER_DATA_DIR: partyData.dir, LEDGER_SEED: 'none' };

      const first = JSON.parse(runCli(['import', file, '--json', '--batch-size', '10'], env).stdout);
      expect(first).toMatchObject({ recorded: 8, failed: 5, alreadyRecorded: 0, events: 8 });
      expect(first.errors.map((e: { line: number; code: string; field?: string }) => [e.line, e.code, e.field])).toEqual([
        [9, 'REQUEST.VALIDATION_FAILED', 'partyId'],
        [10, 'REQUEST.VALIDATION_FAILED', 'dealId'],
        [11, 'REQUEST.VALIDATION_FAILED', 'colour'],
        [12, 'PARTY.INVALID_LEI', 'lei'],
        [13, 'REQUEST.VALIDATION_FAILED', 'parentId'],
      ]);

      const second = JSON.parse(runCli(['import', file, '--json', '--batch-size', '10'], env).stdout);
      expect(second).toMatchObject({ recorded: 0, alreadyRecorded: 8, failed: 5, events: 0 });

      // The log holds the file's order: the deal's registration, the two parties, then the investment.
      const store = await SqliteEventStore.open({ file: join(partyData.dir, 'events.sqlite') });
      try {
        const log: string[] = [];
        for await (const event of store.readAll({})) log.push(`${event.streamId} ${event.type}`);
        expect(log).toEqual([
          'deal-caremag-2025 DealRegistered.v2',
          'party-carester PartyRegistered.v1',
          'party-iwatani PartyRegistered.v1',
          'deal-caremag-2025 InvestmentAnnounced.v2',
          'party-iwatani PartyRenamed.v1',
          'party-iwatani PartyAliasAdded.v1',
          'party-iwatani PartyParentLinked.v1',
          'party-iwatani PartyParentLinkEnded.v1',
        ]);
      } finally {
        await store.close();
      }
    } finally {
      partyData.remove();
    }
  });

  it('prints a readable summary and the line of each error', () => {
    const file = join(data.dir, 'one-bad.jsonl');
    writeFileSync(file, '{"command": "RegisterDeal", "body": {"dealId": "x y"}}\n');
    const result = runCli(['import', file], { LEDGER_DATA_DIR: data.dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^line 1: REQUEST\.VALIDATION_FAILED \(dealId\)/m);
    expect(result.stdout).toMatch(/1 lines: 0 recorded \(0 events\), 0 already recorded, 1 failed/);
  });
});
