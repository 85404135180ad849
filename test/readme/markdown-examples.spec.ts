import { showsExpectedOutput } from './expected-output.js';
import { shellExamplesOf } from './markdown-examples.js';

const fence = '```';

describe('reading the shell examples of a document', () => {
  it('splits a block into commands, with the output lines shown right after each', () => {
    const [example] = shellExamplesOf(
      [
        `${fence}sh`,
        '# explains the next command, is not its output',
        `curl -s -X POST http://127.0.0.1:3000/deals \\`,
        `  -d '{"title": "a # in a quote",`,
        `       "reason": "quoted"}'   # a trailing comment with a quote: it's fine`,
        '# {"dealId":…}',
        '',
        '# explains again',
        'echo one | tr a-z A-Z |',
        '  cat',
        '# ONE',
        `cat > body.json <<'EOF'`,
        '{"a": 1}',
        '# not a comment: in the heredoc',
        'EOF',
        'cat body.json',
        fence,
      ].join('\n'),
      'DOC.md',
    );
    expect(example!.steps.map((step) => [step.line, step.command.split('\n').length, step.expected])).toEqual([
      [3, 3, ['{"dealId":…}']],
      [9, 2, ['ONE']],
      [12, 4, []],
      [16, 1, []],
    ]);
  });

  it('reads the directive above a block, and refuses one it does not know', () => {
    const doc = (directive: string) => `${directive}\n${fence}bash\necho hi\n${fence}\n`;
    expect(shellExamplesOf(doc('<!-- example: skip: needs Docker -->'), 'DOC.md')[0]).toMatchObject({ skip: 'needs Docker' });
    expect(shellExamplesOf(doc('<!-- example: with the server stopped -->'), 'DOC.md')[0]).toMatchObject({ serverStopped: true });
    expect(shellExamplesOf(doc('<!-- example: stopped after 3 s -->'), 'DOC.md')[0]).toMatchObject({ stoppedAfterSeconds: 3 });
    expect(() => shellExamplesOf(doc('<!-- example: skip -->'), 'DOC.md')).toThrow(/unknown example directive/);
    expect(shellExamplesOf(`${fence}ts\nconst a = 1;\n${fence}\n${fence}json\n{}\n${fence}\n`, 'DOC.md')).toEqual([]);
  });

  it('refuses what would leave an example unchecked: an output shown as … alone, a shell block the runner would not see', () => {
    expect(() => shellExamplesOf(`${fence}sh\necho hi\n# …\n${fence}\n`, 'DOC.md')).toThrow('DOC.md:2');
    expect(() => shellExamplesOf(`${fence}console\n$ echo hi\n${fence}\n`, 'DOC.md')).toThrow(/write `sh` or `bash`/);
    const [indented] = shellExamplesOf(`1. In a list:\n\n   ${fence}sh\n   echo hi\n   # hi\n   ${fence}\n`, 'DOC.md');
    expect(indented!.steps).toEqual([{ line: 4, command: 'echo hi', expected: ['hi'] }]);
  });

  it('refuses a command that never ends, naming where it begins', () => {
    expect(() => shellExamplesOf(`${fence}sh\necho 'open\n${fence}\n`, 'DOC.md')).toThrow('DOC.md:2');
  });
});

describe('whether an output shows what the document shows', () => {
  it('takes … for any text and ignores white space', () => {
    const output = '{\n  "dealId": "caremag-2025",\n  "revision": 12,\n  "position": "14"\n}\n';
    expect(showsExpectedOutput(output, ['{ "dealId": "caremag-2025", "revision": 12, …}'])).toBe(true);
    expect(showsExpectedOutput(output, ['"revision": 12,', '"position": "14"'])).toBe(true);
    expect(showsExpectedOutput(output, ['"revision": 1'])).toBe(false);
    expect(showsExpectedOutput(output, ['"revision": 13'])).toBe(false);
    expect(showsExpectedOutput(output, ['"position": "14"', '…"revision": 12'])).toBe(false);
    // From the start of a line to the end of one: a part of a value is not the value.
    expect(showsExpectedOutput('{"revision":11}', ['{"revision":1}'])).toBe(false);
    expect(showsExpectedOutput('{"revision":12}', ['2'])).toBe(false);
    expect(showsExpectedOutput('{"revision":12}', ['…"revision":12}'])).toBe(true);
    expect(showsExpectedOutput('> npm header\nIntact: 25 events, verified in 0.03 s\n', ['Intact: … events, verified in … s'])).toBe(true);
    expect(showsExpectedOutput('a (b) [c] $d? e+f', ['a (b) […] $d? e+f'])).toBe(true);
    expect(showsExpectedOutput('anything', [])).toBe(true);
  });
});
