import { RetractReportRequest } from './deal/retract-report.request.js';
import { RegisterDealRequest } from './deal/register-deal.request.js';
import { validateRequest } from './validation.js';

const problemsOf = (run: () => unknown): { field: string; message: string }[] => {
  try {
    run();
  } catch (error) {
    return (error as { errors: { field: string; message: string }[] }).errors;
  }
  throw new Error('expected the request to be refused');
};

describe('request validation', () => {
  it('says a missing member is required, once, rather than every rule it breaks', () => {
    expect(problemsOf(() => validateRequest(RetractReportRequest, {}))).toEqual([{ field: 'reason', message: 'reason is required' }]);
  });

  it('says the same of a missing nested member, with its path', () => {
    const problems = problemsOf(() => validateRequest(RetractReportRequest, { reason: 'withdrawn', plausibilityOverride: {} }));
    expect(problems).toEqual([{ field: 'plausibilityOverride.reason', message: 'plausibilityOverride.reason is required' }]);
  });

  it('still says what a member present but wrong must be', () => {
    const problems = problemsOf(() => validateRequest(RetractReportRequest, { reason: 42 }));
    expect(problems.map((p) => p.message)).toContain('reason must be a string');
    expect(problems.map((p) => p.message)).not.toContain('reason is required');
  });

  it('names a missing nested object as required', () => {
    const problems = problemsOf(() => validateRequest(RegisterDealRequest, { dealId: 'd', title: 't', parties: [], commodities: [], reportedAt: '2025-03-17' }));
    expect(problems).toContainEqual({ field: 'source', message: 'source is required' });
  });
});
