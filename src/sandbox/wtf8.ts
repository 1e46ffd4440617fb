// Percent-encoding of text that may hold lone surrogates. The SDK cannot send such text
// (encodeURIComponent throws), but any other client can write a lone surrogate as its three
// WTF-8 bytes (U+D800 -> %ED%A0%80). The emulator reads it back as that lone surrogate, so the
// action refuses it with the parameter's own error (as for any malformed value), and signs it
// the same way. Other invalid UTF-8 (stray bytes, truncated or overlong sequences, a pair written
// as two surrogates) stays undecodable.

/** decodeURIComponent that also reads WTF-8 lone surrogates; undefined for anything else invalid. */
export function decodePercentWtf8(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    // Fall through to the byte-level reading below.
  }
  const bytes: number[] = [];
  let out = '';
  const flush = (): boolean => {
    const decoded = decodeBytes(bytes);
    bytes.length = 0;
    if (decoded === undefined) return false;
    out += decoded;
    return true;
  };
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '%') {
      if (!flush()) return undefined;
      out += text[i];
      continue;
    }
    const byte = /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3)) ? parseInt(text.slice(i + 1, i + 3), 16) : NaN;
    if (Number.isNaN(byte)) return undefined;
    bytes.push(byte);
    i += 2;
  }
  return flush() ? out : undefined;
}

// Strict UTF-8, except that U+D800..U+DFFF (ED A0..BF xx) are allowed as lone surrogates.
function decodeBytes(bytes: number[]): string | undefined {
  let out = '';
  let afterHighSurrogate = false;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0 || i + need >= bytes.length) return undefined;
    let cp = need === 0 ? b : b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return undefined;
      cp = (cp << 6) | (c & 0x3f);
    }
    const min = [0, 0x80, 0x800, 0x10000][need];
    if (cp < min || cp > 0x10ffff) return undefined;
    // A high then a low surrogate would join into a pair: a character in disguise (CESU-8).
    if (afterHighSurrogate && cp >= 0xdc00 && cp <= 0xdfff) return undefined;
    afterHighSurrogate = cp >= 0xd800 && cp <= 0xdbff;
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

/** encodeURIComponent that writes a lone surrogate as its WTF-8 bytes instead of throwing. */
export function encodePercentWtf8(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text.replace(/\p{Cs}|\P{Cs}+/gu, (part) => {
      if (!/^\p{Cs}$/u.test(part)) return encodeURIComponent(part);
      const cp = part.charCodeAt(0);
      return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    });
  }
}
