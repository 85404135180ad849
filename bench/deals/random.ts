// The generator lives with the test helpers, which seed their crash tests with it too (imported by
// path: the rest of #testing reads seed files the CommonJS way, which the bench's ES modules cannot).
export { seededRandom } from '../../libs/testing/src/seeded-random.js';

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
