import { dealStreamName } from '#domain';
import { useApiLedger } from '../support/api-ledger.js';
import { dealLines, freshDealId, recordedLines } from '../support/fresh-deal.js';
import { routeOf } from '../../support/reference-deal.js';

/**
 * A command whose events the read models do not show in time (a replica behind is played by
 * a stopped projection runner): 503 with Retry-After, saying the command is recorded; its
 * retry with the same Idempotency-Key writes nothing more and answers 201 once readable.
 */
describe('a command recorded but not readable in time', () => {
  // A short wait, so that the 503 comes quickly.
  const ledger = useApiLedger({ application: { readModelWaitMs: 200 } });

  afterEach(() => ledger.current.runtime.runner.start());

  const aDeal = async () => {
    const [register, investment] = dealLines(freshDealId('not-readable'));
    await recordedLines([register!])(ledger.current);
    await ledger.current.runtime.runner.catchUp(5_000);
    const key = `invest-${investment!.dealId}`;
    const announce = () => ledger.current.http().post(routeOf(investment!)).set('Idempotency-Key', key).send(investment!.body);
    const investments = async () =>
      (await ledger.current.runtime.store.readStream(dealStreamName(investment!.dealId!))).filter((e) => e.metadata.commandId === key);
    return { announce, investments, key };
  };

  it('answers 503 with Retry-After, says the command is recorded, and records it once', async () => {
    const deal = await aDeal();
    await ledger.current.runtime.runner.stop();
    const response = await deal.announce();
    const [recorded, ...more] = await deal.investments();
    expect(more).toEqual([]);
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toMatch(/^\d+$/);
    expect(response.body).toMatchObject({
      statusCode: 503,
      code: 'COMMAND.RECORDED_NOT_READABLE',
      details: { recorded: true, commandId: deal.key, revision: 1, position: String(recorded!.position), eventIds: [recorded!.eventId], readModelState: 'stopped' },
    });
  });

  it('answers 503 again to the same retry while still not readable, writing nothing', async () => {
    const deal = await aDeal();
    await ledger.current.runtime.runner.stop();
    const first = await deal.announce();
    const again = await deal.announce();
    expect([first.status, again.status]).toEqual([503, 503]);
    expect(again.body.details).toEqual(first.body.details);
    expect(await deal.investments()).toHaveLength(1);
  });

  it('replays the command once readable: 201 with the same position and event ids, still one event', async () => {
    const deal = await aDeal();
    await ledger.current.runtime.runner.stop();
    const refused = await deal.announce();
    expect(refused.status).toBe(503);
    ledger.current.runtime.runner.start();
    const replayed = await deal.announce();
    expect(replayed.status).toBe(201);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body).toMatchObject({ position: refused.body.details.position, eventIds: refused.body.details.eventIds, revision: 1 });
    expect(await deal.investments()).toHaveLength(1);
  });
});
