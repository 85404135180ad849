import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertBuildIsCurrent } from '../support/dist-freshness.js';
import { describeFailure, describeWhereExamplesRun, runExamples } from './example-runner.js';
import { showsExpectedOutput } from './expected-output.js';
import { codeBlocksOf, shellExamplesOf } from './markdown-examples.js';

const ROOT = join(__dirname, '..', '..');
/** Every document with shell examples; their blocks run in this order, in one shell. */
const DOCUMENTS = ['README.md', 'bench/README.md'];

/**
 * The README is executed: every shell example runs, in order, against a ledger started on a fresh
 * data directory from the build, and must print what the README shows beside it.
 */
const describeWithTools = describeWhereExamplesRun();

describeWithTools('the README, run as a new user would', () => {
  it('every runnable example runs and prints what the README shows', async () => {
    assertBuildIsCurrent(['apps/api/src', 'apps/cli/src', 'libs']);
    const examples = DOCUMENTS.flatMap((document) => shellExamplesOf(readFileSync(join(ROOT, document), 'utf8'), document));
    const results = await runExamples(examples, ROOT);

    const skipped = [...new Map(results.filter((r) => r.outcome.kind === 'skipped').map((r) => [`${r.example.file}:${r.example.line}`, r])).values()];
    console.log(
      `README examples: ${results.filter((r) => r.outcome.kind === 'passed').length} commands passed; ${skipped.length} blocks not run:\n` +
        skipped.map((r) => `  ${r.example.file}:${r.example.line} — ${r.outcome.kind === 'skipped' ? r.outcome.reason : ''}`).join('\n'),
    );
    const failures = results.filter((r) => r.outcome.kind === 'failed').map(describeFailure);
    expect(failures.join('\n\n')).toBe('');
  }, 600_000);

  it('quotes the programs of docs/examples as they are (an excerpt leaves out with …)', () => {
    const quoted = DOCUMENTS.flatMap((document) =>
      codeBlocksOf(readFileSync(join(ROOT, document), 'utf8'), document).flatMap((block) => {
        const program = /docs\/examples\/[\w-]+\.ts/.exec(block.paragraphAbove.join('\n'))?.[0];
        return block.language === 'ts' && program ? [{ where: `${document}:${block.line}`, program, block }] : [];
      }),
    );
    expect(quoted.map(({ program }) => program).sort()).toEqual(['docs/examples/risk-service.ts', 'docs/examples/subscribe-natively.ts']);
    for (const { where, program, block } of quoted) {
      expect({ where, quotes: showsExpectedOutput(readFileSync(join(ROOT, program), 'utf8'), block.lines) }).toEqual({ where, quotes: true });
    }
  });
});
