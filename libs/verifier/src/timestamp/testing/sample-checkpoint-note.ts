/**
 * Test-only: a checkpoint note as the ledger signs it (origin, tree size, root, blank line,
 * the ledger's signature line): the bytes whose SHA-256 a timestamp authority stamps.
 */
export function sampleCheckpointNote(treeSize: number): Buffer {
  return Buffer.from(
    `deal-ledger.local/0123456789abcdef\n${treeSize}\nq2aW5Tb6n1h0o3kzjA1dJ6o6wFh0kP0pS1YxQ4lDWj8=\n\n` +
      '— deal-ledger.local/0123456789abcdef AAAAAGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6MDEyMzQ1Njc4OWFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6\n',
  );
}
