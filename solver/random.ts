/** A seeded generator of numbers in [0, 1) (a linear congruential one): the searches replay the same draws. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** Index drawn in proportion to the weights, −1 when they are all 0. */
export function pickWeighted(weights: number[], random: () => number): number {
  const total = weights.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return -1;
  let r = random() * total;
  for (let i = 0; i < weights.length; i++) if ((r -= weights[i]) < 0 && weights[i] > 0) return i;
  return weights.findLastIndex((w) => w > 0);
}
