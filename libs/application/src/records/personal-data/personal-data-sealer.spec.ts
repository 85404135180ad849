import { commitmentOfToken, personalDataCommitment } from '#verifier';
import { PersonalDataResolver, UNAVAILABLE_WORDING } from './personal-data-resolver.js';
import { PersonalDataSealer } from './personal-data-sealer.js';
import { InMemoryPersonalDataVault, searchNames } from './personal-data-vault.js';

const NOW = new Date('2026-12-04T10:00:00.000Z');
const source = (attribution?: string) => ({ publisher: 'Reuters', tier: 'primary', ...(attribution !== undefined && { attribution }) });

describe('sealing names into tokens and reading them back', () => {
  let vault: InMemoryPersonalDataVault;
  let sealer: PersonalDataSealer;
  let resolver: PersonalDataResolver;
  beforeEach(() => {
    vault = new InMemoryPersonalDataVault();
    sealer = new PersonalDataSealer(vault, () => NOW);
    resolver = new PersonalDataResolver(vault);
  });

  it('replaces every source attribution, at any depth, with a token committing to it, and nothing else', () => {
    const events = [{ type: 'X', data: { figures: [{ source: source('Yuka Obayashi'), note: 'Yuka Obayashi' }], source: source() } }];
    const sealed = sealer.afterDecision(events, 'deal-a');
    const token = sealed[0]!.data.figures[0]!.source.attribution!;
    const commitment = commitmentOfToken(token)!;
    const { name } = vault.entries([commitment]).get(commitment)!;
    expect(personalDataCommitment(name!.salt, 'Yuka Obayashi')).toBe(commitment);
    // Only attributions are personal; a note with the same words is the writer's text.
    expect(sealed[0]!.data.figures[0]!.note).toBe('Yuka Obayashi');
    expect(sealed[0]!.data.source).toEqual(source());
    expect(events[0]!.data.figures[0]!.source.attribution).toBe('Yuka Obayashi');
    expect(resolver.resolve(sealed)).toEqual(events);
  });

  it('seals who made an estimate, and refuses a token-shaped text in any field', () => {
    const sealed = sealer.afterDecision({ value: { estimate: { by: 'Jane Analyst', method: 'Jane Analyst' } } }, 'deal-a');
    expect(sealed.value.estimate.by).toMatch(/^personal-data:sha256:/);
    expect(sealed.value.estimate.method).toBe('Jane Analyst');
    expect(() => sealer.beforeDecision({ title: `personal-data:sha256:${'1'.repeat(64)}` })).toThrow(expect.objectContaining({ code: 'PERSONAL_DATA.RESERVED_TEXT', field: 'title' }));
  });

  it('seals the same live name to the same token, so a restated report compares equal to the one on record', () => {
    const first = sealer.afterDecision({ source: source('a JOGMEC official') }, 'deal-a');
    expect(sealer.beforeDecision({ source: source('a JOGMEC official') })).toEqual(first);
    expect(sealer.afterDecision({ source: source('a JOGMEC official') }, 'deal-b')).toEqual(first);
    expect(searchNames(vault, 'JOGMEC')[0]!.streams).toEqual(['deal-a', 'deal-b']);
  });

  it('keeps nothing before the decision: a name not yet held stays as written', () => {
    expect(sealer.beforeDecision({ source: source('Someone New') })).toEqual({ source: source('Someone New') });
    expect(searchNames(vault, 'Someone')).toEqual([]);
    expect(sealer.readOnly().afterDecision({ source: source('Someone New') }, 'deal-a')).toEqual({ source: source('Someone New') });
    expect(searchNames(vault, 'Someone')).toEqual([]);
  });

  it('refuses a name written as a token, naming the field', () => {
    const forged = { figures: [{ source: source(`personal-data:sha256:${'0'.repeat(64)}`) }] };
    expect(() => sealer.beforeDecision(forged)).toThrow(expect.objectContaining({ code: 'PERSONAL_DATA.RESERVED_TEXT', field: 'figures[0].source.attribution' }));
  });

  it('reads an erased name as its erasure, and a token the vault lacks as unavailable', () => {
    const sealed = sealer.afterDecision({ source: source('Yuka Obayashi') }, 'deal-a');
    vault.erase(commitmentOfToken(sealed.source.attribution!)!, { erasedAt: '2026-12-05T08:00:00.000Z', reason: 'GDPR Art. 17 request 7', erasureId: 'e' });
    expect(resolver.resolve(sealed).source.attribution).toBe('erased on 2026-12-05 under GDPR Art. 17 request 7');
    expect(resolver.text(`personal-data:sha256:${'9'.repeat(64)}`)).toBe(UNAVAILABLE_WORDING);
    expect(JSON.stringify(sealed, resolver.jsonReplacer)).toContain('erased on 2026-12-05 under GDPR Art. 17 request 7');
    expect(resolver.text('plain text')).toBe('plain text');
    // A read model's text composed around a name (an estimate's display) reads it too.
    expect(resolver.text(`estimate by ${sealed.source.attribution} (from capacity)`)).toBe('estimate by erased on 2026-12-05 under GDPR Art. 17 request 7 (from capacity)');
    // A frame serialised once reads the names as it is sent, escaped as JSON.
    const quoted = sealer.afterDecision({ source: source('Claire "CM" Martin') }, 'deal-a');
    const frame = `data: ${JSON.stringify({ a: quoted, b: sealed })}\n\n`;
    expect(JSON.parse(resolver.namesInJson(frame).slice(6))).toEqual({ a: { source: source('Claire "CM" Martin') }, b: { source: source('erased on 2026-12-05 under GDPR Art. 17 request 7') } });
  });
});
