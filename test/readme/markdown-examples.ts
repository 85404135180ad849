/**
 * The shell examples of a Markdown document, as the runner reads them:
 *
 * - every ```sh or ```bash block is run, in document order, in one shell (variables set in one
 *   block are there in the next);
 * - an HTML comment right above a block says how: `<!-- example: skip: <reason> -->` (not run,
 *   the reason printed), `<!-- example: with the server stopped -->` (the runner stops the
 *   ledger before the block and starts it again after), `<!-- example: stopped after <n> s -->`
 *   (each command streams until stopped: it is stopped after n seconds, and what it printed by
 *   then must show the output);
 * - in a block, `#` lines right after a command, up to a blank line or the next command, are the
 *   output it must print (`…` stands for any text); `#` lines before a command explain it.
 */
export interface ShellStep {
  /** 1-based line of the command's first line in the document. */
  line: number;
  command: string;
  /** The output lines shown for it, without their `# `. */
  expected: string[];
}

export interface ShellExample {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  skip?: string;
  serverStopped: boolean;
  /** Seconds after which each command is stopped, as its reader would stop a stream. */
  stoppedAfterSeconds?: number;
  steps: ShellStep[];
}

const FENCE = /^(\s*)```([\w-]*)\s*$/;
const DIRECTIVE = /^<!--\s*example:\s*(.*?)\s*-->\s*$/;
const SHELLS = new Set(['sh', 'bash']);
/** Spellings of a shell block that the runner would not see: refused, so no example goes unrun unsaid. */
const OTHER_SHELLS = new Set(['shell', 'console', 'zsh', 'sh-session', 'shell-session']);

/** A fenced code block of a document. */
export interface CodeBlock {
  language: string;
  /** 1-based line of the opening fence. */
  line: number;
  lines: string[];
  /** The line right above the fence (where a directive goes). */
  lineAbove: string;
  /** The paragraph before the block: what introduces it. */
  paragraphAbove: string[];
}

export function codeBlocksOf(markdown: string, file: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const fence = FENCE.exec(lines[index]!);
    if (!fence) continue;
    const indent = fence[1]!;
    const end = lines.findIndex((line, at) => at > index && line.trim().startsWith('```'));
    if (end < 0) throw new Error(`${file}:${index + 1}: a code block that never closes`);
    if (OTHER_SHELLS.has(fence[2]!)) throw new Error(`${file}:${index + 1}: a \`${fence[2]}\` block: write \`sh\` or \`bash\` (the README runner runs those)`);
    let bottom = index;
    while (bottom > 0 && lines[bottom - 1]!.trim() === '') bottom--;
    let top = bottom;
    while (top > 0 && lines[top - 1]!.trim() !== '') top--;
    blocks.push({
      language: fence[2]!,
      line: index + 1,
      // A block in a list item is indented as a whole: its commands are not.
      lines: lines.slice(index + 1, end).map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line)),
      lineAbove: lines[index - 1] ?? '',
      paragraphAbove: lines.slice(top, bottom),
    });
    index = end;
  }
  return blocks;
}

export function shellExamplesOf(markdown: string, file: string): ShellExample[] {
  return codeBlocksOf(markdown, file)
    .filter((block) => SHELLS.has(block.language))
    .map((block) => ({ file, line: block.line, ...directiveOf(block, file), steps: stepsOf(block.lines, block.line + 1, file) }));
}

type Directive = Pick<ShellExample, 'skip' | 'serverStopped' | 'stoppedAfterSeconds'>;

function directiveOf(block: CodeBlock, file: string): Directive {
  const match = DIRECTIVE.exec(block.lineAbove);
  if (!match) return { serverStopped: false };
  const directive = match[1]!;
  const skip = /^skip:\s*(\S.*)$/.exec(directive);
  if (skip) return { skip: skip[1]!, serverStopped: false };
  if (directive === 'with the server stopped') return { serverStopped: true };
  const stopped = /^stopped after (\d+) s$/.exec(directive);
  if (stopped) return { serverStopped: false, stoppedAfterSeconds: Number(stopped[1]) };
  throw new Error(`${file}:${block.line - 1}: unknown example directive "${directive}" (skip: <reason> | with the server stopped | stopped after <n> s)`);
}

function stepsOf(lines: string[], firstLine: number, file: string): ShellStep[] {
  const steps: ShellStep[] = [];
  let collectingOutput = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trim() === '') {
      collectingOutput = false;
    } else if (line.trimStart().startsWith('#')) {
      if (collectingOutput) steps.at(-1)!.expected.push(line.trimStart().replace(/^# ?/, ''));
    } else {
      const start = index;
      const command = [line];
      let reading = new CommandReader();
      reading.read(line);
      while (!reading.complete()) {
        if (++index >= lines.length) throw new Error(`${file}:${firstLine + start}: a command that never ends (an open quote or heredoc?)`);
        command.push(lines[index]!);
        reading.read(lines[index]!);
      }
      steps.push({ line: firstLine + start, command: command.join('\n'), expected: [] });
      collectingOutput = true;
      reading = new CommandReader();
    }
  }
  const vague = steps.find((step) => step.expected.length > 0 && step.expected.every((shown) => shown.replace(/[…\s]/g, '') === ''));
  if (vague) throw new Error(`${file}:${vague.line}: its output is shown as "…" alone: show what it prints, or nothing`);
  return steps;
}

/** Enough of the shell's grammar to know where a command ends: quotes, `\` at a line's end, pipes, heredocs, comments. */
class CommandReader {
  private quote: "'" | '"' | undefined;
  private continues = false;
  private heredocEnd: string | undefined;
  private heredocStarted = false;

  read(line: string): void {
    if (this.heredocEnd !== undefined && this.heredocStarted) {
      if (line.trim() === this.heredocEnd) this.heredocEnd = undefined;
      return;
    }
    this.continues = false;
    for (let at = 0; at < line.length; at++) {
      const char = line[at]!;
      if (this.quote === "'") {
        if (char === "'") this.quote = undefined;
      } else if (char === '\\') {
        if (at === line.length - 1) this.continues = true;
        at++;
      } else if (this.quote === '"') {
        if (char === '"') this.quote = undefined;
      } else if (char === "'" || char === '"') {
        this.quote = char;
      } else if (char === '#' && (at === 0 || /\s/.test(line[at - 1]!))) {
        break;
      } else if (char === '<' && line.startsWith('<<', at) && line[at + 2] !== '<') {
        const heredoc = /^<<-?\s*['"]?(\w+)['"]?/.exec(line.slice(at));
        if (heredoc) {
          this.heredocEnd = heredoc[1];
          at += heredoc[0].length - 1;
        }
      }
    }
    if (this.quote === undefined && /(\||&&|\|\|)\s*(#.*)?$/.test(line)) this.continues = true;
    if (this.heredocEnd !== undefined) this.heredocStarted = true;
  }

  complete(): boolean {
    return this.quote === undefined && !this.continues && this.heredocEnd === undefined;
  }
}
