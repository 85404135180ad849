import { instantFromInput } from '../format.js';

/**
 * The moment typed in `field`, read by the ledger's one rule for times; or undefined, with the
 * field marked invalid and focused and `problem` saying what is expected.
 */
export function typedMoment(field: HTMLInputElement, problem: HTMLElement, expected: string): string | undefined {
  const instant = instantFromInput(field.value);
  if (instant === undefined) {
    problem.hidden = false;
    problem.textContent = expected;
    field.setAttribute('aria-invalid', 'true');
    field.focus();
    return undefined;
  }
  problem.hidden = true;
  field.removeAttribute('aria-invalid');
  return instant;
}
