/**
 * MovieLens files come in two encodings: ml-100k and ml-1m are latin-1, the later sets UTF-8.
 * Nothing in the files says which, so: valid UTF-8 is read as UTF-8, anything else as latin-1
 * (every byte sequence is valid latin-1, and latin-1 accented text is almost never valid UTF-8).
 */
export type TextEncodingName = 'utf-8' | 'latin-1';

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeLatin1(bytes), encoding: 'latin-1' };
  }
}

/** ISO-8859-1: byte b is code point b (WHATWG's "latin1" label would mean windows-1252). */
export function decodeLatin1(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let at = 0; at < bytes.length; at += 8192) {
    parts.push(String.fromCharCode(...bytes.subarray(at, at + 8192)));
  }
  return parts.join('');
}
