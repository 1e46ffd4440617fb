// A small seeded PRNG (mulberry32): the same seed gives the same world and the same faults.

export interface Random {
  (): number;
  /** Where the sequence stands: `seeded(random.state())` continues it (a saved world resumes its IDs). */
  state(): number;
}

export function seeded(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Object.assign(next, { state: () => a });
}

const CHUNK = 36 ** 6;

/** ECS-looking resource suffix: `length` lowercase alphanumerics (six per random draw, for speed). */
export function idSuffix(random: Random, length = 17): string {
  let s = '';
  while (s.length < length) s += Math.floor(random() * CHUNK).toString(36).padStart(6, '0');
  return s.slice(0, length);
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}
