import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderAccessMatrix } from './access-matrix.js';

const README = join(__dirname, '..', '..', '..', '..', 'README.md');

describe('the README access matrix', () => {
  it('is the one rendered from the route table the guard enforces', () => {
    const readme = readFileSync(README, 'utf8');
    const block = /<!-- access-matrix:start -->\n([\s\S]*?)\n<!-- access-matrix:end -->/.exec(readme)?.[1];
    // On a failure, paste the received table between the README's access-matrix markers.
    expect(block).toBe(renderAccessMatrix());
  });

  it('shows an as-of read of a deal as an audit read, apart from the plain read', () => {
    const rows = renderAccessMatrix().split('\n');
    const plain = rows.find((row) => row.startsWith('| `GET /deals/:dealId` |'));
    const asOf = rows.find((row) => row.includes('GET /deals/:dealId?knownAt'));
    expect(plain).toContain('| deals:read | ✓ |');
    expect(asOf).toContain('| audit:read |  | ✓ |');
  });
});
