/** README.txt of a regulator package: what it holds and how to check it, without the ledger. */
export function regulatorPackageReadme(vkey: string): string {
  return `This is a regulator export of Deal Ledger: reported deal facts, every value each figure
ever had with its source, and the proof that these are the ledger's records, unchanged.

  report.pdf              the human-readable report: the deals and parties, each figure's
                          history (revision / correction / retraction, with reasons), the
                          three times of each value, and the verification summary
  events.jsonl            exactly the events the export selected, in the order the ledger
                          recorded them, one canonical JSON object a line, with its hash
  figure-histories.csv    one row per value a figure had, for those events (RFC 4180)
  bundles/<stream>/       one evidence bundle per stream: the stream's events up to its last
                          selected one (a hash chain needs the events before), an RFC 9162
                          inclusion proof per event, the checkpoint, a signed manifest
  checkpoint              the C2SP checkpoint every proof leads to, signed by the ledger
  ledger.vkey             the ledger's verifier key as the package states it
  MANIFEST                a C2SP signed note by the ledger key: what was asked (scope), by
                          whom, the checkpoint's tree size, every other file's SHA-256

Check it (the verifier is libs/verifier, which depends on nothing of the ledger):

    ledger verify-bundle <this zip or its unzipped directory> --ledger-key '<the ledger's key, obtained apart from this package>'

The ledger's key as this package states it (compare it with the one you were given):

    ${vkey}

By hand: check MANIFEST's signature and each file's SHA-256; check each bundle as its
VERIFY.txt says; check that every line of events.jsonl is a line of one bundle's events.jsonl.

What it proves: the events are in the ledger's log as it stood at the checkpoint, unchanged
since. It does not prove that a reported figure is true, nor (beyond the ledger's signature)
that the export selected every event of its scope.
`;
}
