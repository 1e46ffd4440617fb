// Input generators for the differential test: biased toward the places where two independent
// implementations of CreateSnapshot's rules are likely to differ: lengths at the limits (counted
// in code points), scripts (ASCII, CJK, other letters, combining marks, digits of other scripts,
// emoji, invisible characters), the reserved prefixes in every case, and characters that are
// delicate on the wire ('+', '%', '&', '=', '#', controls, lone surrogates).
import fc from 'fast-check';

const ASCII_LETTERS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'];
const ASCII_DIGITS = [...'0123456789'];
const NAME_PUNCTUATION = [':', '_', '.', '-'];
const OTHER_ASCII = [...' !"#$%&\'()*+,/;<=>?@[\\]^`{|}~', '\t', '\n', '\r', '\u0000', '\u0001', '\u001f', '\u007f'];
// Lo inside and outside the BMP (U+20000, U+2A6A5 take two UTF-16 units, one code point).
const CJK = ['数', '据', '快', '照', '備', '份', '云', '盘', '鍵', '值', '𠀀', '𪚥'];
// Lu, Ll, Lt (ǅ), Lm (ʰ, ー), Lo (ª, Hebrew, Arabic, Devanagari, Thai, Hangul, kana); 𝒜 is Lu outside the BMP.
const OTHER_LETTERS = ['é', 'ß', 'Æ', 'ø', 'ñ', 'Ж', 'ж', 'Ω', 'λ', 'ש', 'ع', 'क', 'ก', '한', 'あ', 'ア', 'ǅ', 'ʰ', 'ー', 'ª', '𝒜', 'ǈ'];
// Mn, Mc, Me: not letters.
const MARKS = ['\u0301', '\u0308', '\u094D', '\u093F', '\u0E31', '\u20DD', '\u3099'];
// Nd of other scripts (incl. U+1D7D8 outside the BMP), No (², ½), Nl (Ⅻ, 〇).
const OTHER_DIGITS = ['١', '٣', '۳', '०', '१', '๑', '１', '２', '𝟘', '²', '½', 'Ⅻ', '〇'];
const EMOJI = ['😀', '👍🏽', '🇨🇳', '❤️', '👨‍👩‍👧', '🙂'];
const INVISIBLE = ['\u00A0', '\u3000', '\u2003', '\u200B', '\u200D', '\uFEFF', '\u00AD', '\u202E'];
// Halves of a surrogate pair on their own: not text that can be sent (the SDK throws "URI
// malformed"); the differential test sends them as WTF-8 bytes instead.
export const LONE_SURROGATES = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF'];
// Look like allowed punctuation, but are not ASCII.
const LOOKALIKES = ['：', '＿', '．', '－', '‐', '—', 'ｄ', 'Ａ'];

const LETTERS = [...ASCII_LETTERS, ...CJK, ...OTHER_LETTERS];
const NAME_CHARS = [...LETTERS, ...ASCII_DIGITS, ...NAME_PUNCTUATION];
const TRICKY = [...OTHER_ASCII, ...MARKS, ...OTHER_DIGITS, ...EMOJI, ...INVISIBLE, ...LOOKALIKES, ...LONE_SURROGATES];
const EVERYTHING = [...NAME_CHARS, ...TRICKY];
const ASCII = [...ASCII_LETTERS, ...ASCII_DIGITS, ...NAME_PUNCTUATION, ...OTHER_ASCII];
const NON_ASCII = ['é', 'ü', '中', '😀', '\u0080', '\u00FF', '\u00A0', '１', 'Ж', '\u200B', ...LONE_SURROGATES];

// Characters are drawn as pieces: an emoji sequence counts several code points, like the API counts it.
const pick = (pool: readonly string[]) => fc.constantFrom(...pool);

/** A length near the limits (0, 1, 2, max-1, max, max+1, ...) or anywhere up to max + 20. */
function lengthNear(max: number): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(0, 1, 2, 3, max - 2, max - 1, max, max + 1, max + 2) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 12 }) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: max + 20 }) },
  );
}

/** Joins pieces until exactly `length` code points (the last piece may be cut). */
function toLength(pieces: string[], length: number): string {
  return Array.from(pieces.join('')).slice(0, length).join('');
}

interface TextShape {
  max: number;
  prefixes: readonly string[];
  /** Pools a string is drawn from (one per string, so long valid strings occur). */
  palettes: ReadonlyArray<readonly string[]>;
  /** Usually start with a letter, so valid names are common. */
  letterFirst?: boolean;
}

function text(shape: TextShape): fc.Arbitrary<string> {
  return fc
    .record({
      length: lengthNear(shape.max),
      prefix: fc.oneof({ weight: 5, arbitrary: fc.constant('') }, { weight: 1, arbitrary: pick(shape.prefixes) }),
      palette: fc.constantFrom(...shape.palettes),
      first: shape.letterFirst ? fc.oneof({ weight: 4, arbitrary: pick(LETTERS) }, { weight: 1, arbitrary: pick(EVERYTHING) }) : fc.constant(''),
      injected: fc.option(fc.record({ ch: pick(TRICKY), at: fc.nat() }), { freq: 3 }),
    })
    .chain(({ length, prefix, palette, first, injected }) =>
      fc.array(pick(palette), { minLength: length, maxLength: length }).map((body) => {
        const pieces = [prefix, first, ...body];
        if (injected) pieces.splice(injected.at % (pieces.length + 1), 0, injected.ch);
        return toLength(pieces, length);
      }),
    );
}

const URL_PREFIXES = ['http://', 'https://', 'HTTP://', 'Https://', 'hTtP://', 'http:/', 'https:', 'http:', 'httpx'];

export function snapshotNames(): fc.Arbitrary<string> {
  return text({
    max: 128,
    prefixes: ['auto', 'Auto', 'AUTO', 'autO', 'auto-', 'auto_x', 'aut', ...URL_PREFIXES],
    palettes: [NAME_CHARS, [...ASCII_LETTERS, ...ASCII_DIGITS, ...NAME_PUNCTUATION], CJK, OTHER_LETTERS, EVERYTHING, [...LETTERS, ...MARKS], [...LETTERS, ...OTHER_DIGITS]],
    letterFirst: true,
  });
}

export function descriptions(): fc.Arbitrary<string> {
  return fc.oneof(
    text({ max: 256, prefixes: [...URL_PREFIXES, ' http://', '\thttps://'], palettes: [EVERYTHING, ASCII, CJK, EMOJI, [...MARKS, ...LETTERS]] }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
  );
}

export function retentionDays(): fc.Arbitrary<string> {
  const valid = fc.integer({ min: 1, max: 65536 }).map(String);
  const nearLimits = fc.constantFrom('0', '1', '2', '65535', '65536', '65537', '99999', '100000', '000', '00001', '000065536', '065537');
  const withZeros = fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 70000 })).map(([z, n]) => '0'.repeat(z) + n);
  const huge = fc.string({ unit: pick(ASCII_DIGITS), minLength: 6, maxLength: 40 });
  const garnished = fc
    .tuple(fc.integer({ min: 0, max: 70000 }), fc.constantFrom('+', '-', ' ', '\t', '', '0x'), fc.constantFrom('', '.0', '.5', 'e3', 'E0', ' ', '\n', 'd', '%20'))
    .map(([n, before, after]) => `${before}${n}${after}`);
  const foreignDigit = fc
    .tuple(fc.integer({ min: 1, max: 65536 }), fc.nat(), pick(OTHER_DIGITS))
    .map(([n, at, d]) => {
      const s = [...String(n)];
      s[at % s.length] = d;
      return s.join('');
    });
  const words = fc.constantFrom('', 'NaN', 'Infinity', '-0', '+0', '1,000', '1_000', '١', '٣', '１', 'seven', ' ', '65536 ', '1e3', '1.0', '+1', ' 1');
  return fc.oneof(valid, nearLimits, withZeros, huge, garnished, foreignDigit, words);
}

export function clientTokens(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: text({ max: 64, prefixes: ['aliyun', 'http://'], palettes: [ASCII, [...ASCII_LETTERS, ...ASCII_DIGITS, '-']] }) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(lengthNear(64), pick(NON_ASCII), fc.nat())
        .chain(([length, bad, at]) =>
          fc.array(pick(ASCII), { minLength: length, maxLength: length }).map((chars) => {
            if (chars.length > 0) chars[at % chars.length] = bad;
            return chars.join('');
          }),
        ),
    },
    { weight: 1, arbitrary: fc.uuid() },
  );
}

export interface GeneratedTag {
  key: string;
  value: string;
}

export function tagLists(): fc.Arbitrary<GeneratedTag[]> {
  const longKey = text({
    max: 128,
    prefixes: ['aliyun', 'aliyunx', 'Aliyun', 'ALIYUN', 'aliyu', 'acs:', 'acs:rm', 'ACS:', 'acs', 'acs：', ...URL_PREFIXES],
    palettes: [EVERYTHING, ASCII, CJK, NAME_CHARS],
  });
  const shortKey = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('env', 'Env', 'team', 'owner', 'k', '鍵', '😀', 'a b', 'a=b', 'aliyun', 'acs:x', 'ACS:x') },
    { weight: 4, arbitrary: fc.string({ unit: pick(EVERYTHING), minLength: 1, maxLength: 12 }) },
    { weight: 1, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: withUrlInside() },
  );
  const longValue = text({ max: 128, prefixes: [...URL_PREFIXES, 'aliyun', 'acs:'], palettes: [EVERYTHING, ASCII, CJK] });
  const shortValue = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('', 'prod', 'dev', '值', ' ', '=', 'a=b', '%', '+') },
    { weight: 4, arbitrary: fc.string({ unit: pick(EVERYTHING), maxLength: 12 }) },
    { weight: 1, arbitrary: withUrlInside() },
  );
  const count = fc.oneof(fc.constantFrom(0, 1, 2, 19, 20, 21, 22), fc.integer({ min: 0, max: 25 }));
  // Clean lists (ordinary keys and values, so full lists of 20 can pass) with at most one change
  // that may break them: a repeated key (possibly in another case), a tricky key or value.
  const cleanKey = fc.string({ unit: pick(EVERYTHING), minLength: 1, maxLength: 12 });
  const cleanValue = fc.string({ unit: pick(EVERYTHING), maxLength: 12 });
  const change = fc.oneof(
    { weight: 2, arbitrary: fc.constant({ kind: 'none' as const }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('repeat' as const), from: fc.nat(), to: fc.nat(), otherCase: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('key' as const), at: fc.nat(), key: fc.oneof(shortKey, longKey) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('value' as const), at: fc.nat(), value: fc.oneof(shortValue, longValue) }) },
  );
  const clean = fc
    .record({ n: count, change })
    .chain(({ n, change }) =>
      fc.array(fc.record({ key: cleanKey, value: cleanValue }), { minLength: n, maxLength: n }).map((tags) => {
        if (tags.length === 0) return tags;
        if (change.kind === 'repeat') {
          const key = tags[change.from % tags.length].key;
          tags[change.to % tags.length].key = change.otherCase ? key.toUpperCase() : key;
        } else if (change.kind === 'key') tags[change.at % tags.length].key = change.key;
        else if (change.kind === 'value') tags[change.at % tags.length].value = change.value;
        return tags;
      }),
    );
  // Wild lists: short tags from tricky pools, plus at most one tag whose key or value sits at the
  // length limits. Tags stay short so requests stay far below URL size limits (which are not
  // CreateSnapshot rules) while the 128-character edges are still tested inside full lists.
  const wild = fc
    .record({
      n: count,
      long: fc.option(fc.record({ at: fc.nat(), key: longKey, value: longValue, which: fc.constantFrom('key', 'value', 'both') }), { freq: 2 }),
    })
    .chain(({ n, long }) =>
      fc.array(fc.record({ key: shortKey, value: shortValue }), { minLength: n, maxLength: n }).map((tags) => {
        if (long && tags.length > 0) {
          const t = tags[long.at % tags.length];
          if (long.which !== 'value') t.key = long.key;
          if (long.which !== 'key') t.value = long.value;
        }
        return tags;
      }),
    );
  return fc.oneof(clean, wild);
}

function withUrlInside(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.string({ unit: pick(NAME_CHARS), maxLength: 10 }), fc.constantFrom('http://', 'https://', 'HTTP://', 'hTTps://', 'http:/', 'https:'), fc.string({ unit: pick(NAME_CHARS), maxLength: 10 }))
    .map(([a, url, b]) => a + url + b);
}
