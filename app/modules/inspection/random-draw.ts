import { createHash } from "node:crypto";

/**
 * The random draw (双随机) as a pure function: the same seed and the same inputs give the same
 * draw, so a stored draw can be recomputed for an audit. The inputs are put in a canonical order
 * first (institutions by id within each grade, inspectors by id), so the order they were read in
 * does not matter. The generator is sfc32 seeded with the first 128 bits of SHA-256(seed).
 */
export const GRADES = ["A", "B", "C", "D", "E"] as const;
export type Grade = (typeof GRADES)[number];
/** Sampling ratio (percent, 0–100) by compliance grade. */
export type DrawRatios = Record<Grade, number>;
/**
 * An institution that may be drawn. `inspectorIds`, when given, are the inspectors who may take it
 * (those who can see its district); otherwise any inspector of the draw may.
 */
export type DrawCandidate = { institutionId: string; grade: Grade; inspectorIds?: readonly string[] };
export type DrawInput = {
  seed: string;
  ratios: DrawRatios;
  population: readonly DrawCandidate[];
  inspectorIds: readonly string[];
};
export type DrawnInstitution = { institutionId: string; grade: Grade; inspectorId: string | null };

/** A grade as stored on the institution (null or unknown counts as C). */
export function gradeOf(value: string | null | undefined): Grade {
  const upper = (value ?? "").trim().toUpperCase();
  return (GRADES as readonly string[]).includes(upper) ? (upper as Grade) : "C";
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): floats in [0, 1). */
export function seededRandom(seed: string): () => number {
  const digest = createHash("sha256").update(seed, "utf8").digest();
  let a = digest.readUInt32LE(0);
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let d = digest.readUInt32LE(12);
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Warm up, as the generator's author recommends.
  for (let i = 0; i < 12; i += 1) next();
  return next;
}

/** Fisher–Yates with the seeded generator; answers a new array. */
export function seededShuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** How many of `size` institutions a ratio draws: rounded up, so a non-zero ratio draws at least one. */
export function sampleSize(size: number, ratioPercent: number): number {
  const ratio = Math.min(100, Math.max(0, ratioPercent));
  return Math.min(size, Math.ceil((size * ratio) / 100));
}

const byId = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/**
 * Draws per grade by its ratio, then deals the drawn institutions to the shuffled inspectors in
 * turn: each goes to the inspector with the fewest so far among those who may take it, ties in the
 * shuffled order — plain round-robin when every inspector may take every institution.
 */
export function drawInspections(input: DrawInput): DrawnInstitution[] {
  const random = seededRandom(input.seed);
  const candidates = new Map(input.population.map((c) => [c.institutionId, c]));
  const drawn: DrawCandidate[] = [];
  for (const grade of GRADES) {
    const group = [...candidates.values()]
      .filter((c) => gradeOf(c.grade) === grade)
      .map((c) => c.institutionId)
      .sort(byId);
    const picked = seededShuffle(group, random).slice(0, sampleSize(group.length, input.ratios[grade] ?? 0));
    for (const institutionId of picked) drawn.push({ institutionId, grade });
  }
  const inspectors = seededShuffle([...new Set(input.inspectorIds)].sort(byId), random);
  const dealt = new Map(inspectors.map((id) => [id, 0]));
  return drawn.map((d) => {
    const eligible = candidates.get(d.institutionId)?.inspectorIds;
    const allowed = eligible ? new Set(eligible) : null;
    let chosen: string | null = null;
    for (const id of inspectors) {
      if (allowed && !allowed.has(id)) continue;
      if (chosen === null || (dealt.get(id) ?? 0) < (dealt.get(chosen) ?? 0)) chosen = id;
    }
    if (chosen !== null) dealt.set(chosen, (dealt.get(chosen) ?? 0) + 1);
    return { institutionId: d.institutionId, grade: d.grade, inspectorId: chosen };
  });
}

/** Whether a stored result is what the inputs draw. */
export function sameDraw(a: readonly DrawnInstitution[], b: readonly DrawnInstitution[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (x, i) =>
        x.institutionId === b[i]?.institutionId && x.grade === b[i]?.grade && x.inspectorId === b[i]?.inspectorId,
    )
  );
}
