import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuildIsCurrent } from '../support/dist-freshness.js';
import { describeFailure, describeWhereExamplesRun, runExamples, type StepResult } from './example-runner.js';
import { shellExamplesOf } from './markdown-examples.js';

const ROOT = join(__dirname, '..', '..');
const fence = '```';

/** The runner itself: a broken example must fail it, saying where and why. */
const describeWithTools = describeWhereExamplesRun();

describeWithTools('the README runner', () => {
  let results: StepResult[];
  const workDir = mkdtempSync(join(tmpdir(), 'ledger-readme-runner-'));

  beforeAll(async () => {
    assertBuildIsCurrent(['apps/api/src', 'apps/cli/src', 'libs']);
    const document = [
      `${fence}sh`,
      'AUTH="Authorization: Bearer $(cat data/local-api-key)"',
      `curl -s -H "$AUTH" http://127.0.0.1:3000/deals/caremag-2025 | jq -c '{dealId, revision}'`,
      '# {"dealId":"caremag-2025","revision":…}',
      '',
      '# a wrong path',
      `curl -s -H "$AUTH" http://127.0.0.1:3000/dealz/caremag-2025`,
      '# {"dealId":"caremag-2025",…}',
      '',
      '# a wrong output',
      `curl -s -H "$AUTH" http://127.0.0.1:3000/deals/caremag-2025 | jq -c '{revision}'`,
      '# {"revision":99}',
      '',
      '# a command that fails',
      'cat no-such-file.json',
      fence,
      '',
      '<!-- example: skip: shows what cannot run here -->',
      `${fence}sh`,
      'docker compose up',
      fence,
      '',
      '<!-- example: stopped after 2 s -->',
      `${fence}sh`,
      `curl -sN -H "$AUTH" 'http://127.0.0.1:3000/subscriptions/events?from=start'`,
      '# id: 1',
      fence,
      '',
      '<!-- example: with the server stopped -->',
      `${fence}sh`,
      '# it needs the read models\' file, which a running server holds',
      'npm run ledger -- verify --read-models',
      '# …no difference',
      fence,
      '',
      `${fence}sh`,
      `curl -s -o /dev/null -w '%{http_code}' -H "$AUTH" http://127.0.0.1:3000/deals/caremag-2025`,
      '# 200',
      '',
      '# no output shown: refused is a failure',
      `curl -s -H "$AUTH" http://127.0.0.1:3000/dealz/caremag-2025`,
      '',
      '# a failure before a pipe is a failure',
      `curl -s http://127.0.0.1:3000/deals/caremag-2025 | jq -c .figures`,
      'false | true',
      fence,
    ].join('\n');
    results = await runExamples(shellExamplesOf(document, 'BROKEN.md'), ROOT, { workDir, timeoutMs: 120_000 });
  }, 180_000);

  // Its steps fail on purpose, so the runner keeps the directory (a ledger's keys are in it): this test removes it.
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  const outcomeAt = (line: number) => results.find((result) => result.step.line === line)!.outcome;
  const outcomeOf = (command: string) => results.filter((result) => result.step.command === command).at(-1)!.outcome;

  it('passes an example whose output shows what the document shows', () => {
    expect(outcomeAt(2)).toEqual({ kind: 'passed' });
    expect(outcomeAt(3)).toEqual({ kind: 'passed' });
  });

  it('fails an example with a wrong path, a wrong output or a failing command, saying where and why', () => {
    expect(outcomeAt(7)).toMatchObject({ kind: 'failed', why: 'its output does not show what the document shows' });
    expect(outcomeAt(7).kind === 'failed' && outcomeAt(7)).toMatchObject({ output: expect.stringContaining('404') });
    expect(outcomeAt(11)).toMatchObject({ kind: 'failed', why: 'its output does not show what the document shows' });
    expect(outcomeAt(15)).toMatchObject({ kind: 'failed', why: 'exited 1' });
    const report = describeFailure(results.find((result) => result.step.line === 11)!);
    expect(report).toContain('BROKEN.md:11');
    expect(report).toContain('{"revision":99}');
  });

  it('fails a command refused by the ledger even where no output is shown, and a failure before a pipe', () => {
    expect(outcomeOf('curl -s -H "$AUTH" http://127.0.0.1:3000/dealz/caremag-2025')).toMatchObject({ kind: 'failed', why: 'exited 22' });
    expect(outcomeOf('curl -s http://127.0.0.1:3000/deals/caremag-2025 | jq -c .figures')).toMatchObject({ kind: 'failed', why: 'exited 22' });
    expect(outcomeOf('false | true')).toMatchObject({ kind: 'failed', why: 'exited 1' });
  });

  it('skips a block marked so, with its reason', () => {
    expect(outcomeAt(20)).toEqual({ kind: 'skipped', reason: 'shows what cannot run here' });
  });

  it('stops a streaming command when told, judging what it printed by then', () => {
    expect(outcomeAt(25)).toEqual({ kind: 'passed' });
  });

  it('stops the server for a block that says so, and starts it again after', () => {
    expect(outcomeAt(32)).toEqual({ kind: 'passed' });
    expect(outcomeAt(37)).toEqual({ kind: 'passed' });
  });
});
