import { isIP } from 'node:net';

/**
 * The eight 16-bit groups of an IPv6 address in any text Node accepts: compressed or not,
 * zero-padded, any case, a dotted IPv4 tail, a `%zone` (it names an interface, not an address).
 * Null for anything else. Rules are judged on these numbers, never on the text.
 */
export function ipv6Groups(text: string): number[] | null {
  if (isIP(text) !== 6) return null;
  const address = text.split('%')[0]!;
  const hex = address.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a, b, c, d) =>
    [(Number(a) << 8) | Number(b), (Number(c) << 8) | Number(d)].map((n) => n.toString(16)).join(':'),
  );
  const parse = (part: string | undefined) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  // isIP has checked the shape: at most one `::`, at most eight groups of at most four digits.
  const [left, right] = hex.split('::');
  if (right === undefined) return parse(left);
  const head = parse(left);
  const tail = parse(right);
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

export const ipv6Text = (groups: readonly number[]) => groups.map((g) => g.toString(16)).join(':');

const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;

/**
 * The IPv4 addresses an IPv6 address stands for, which a packet to it may reach; [] when it
 * carries none. Each form is matched on its prefix bits:
 * - ::/96 IPv4-compatible (deprecated; holds :: and ::1 too), ::ffff:0:0/96 IPv4-mapped,
 *   ::ffff:0:0:0/96 IPv4-translated, 64:ff9b::/96 NAT64: the last 32 bits;
 * - 2002::/16 6to4: bits 16–47;
 * - 2001::/32 Teredo: the server (bits 32–63) and the client (the last 32 bits inverted);
 * - 64:ff9b:1::/48 local-use NAT64: its IPv4 sits where the operator's prefix length puts it
 *   (RFC 6052: /48, /56, /64 or /96, the u octet skipped), unknowable here, so every position.
 */
export function carriedIPv4(g: readonly number[]): string[] {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = g as [number, number, number, number, number, number, number, number];
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 6) || (zeros(0, 5) && g5 === 0xffff) || (zeros(0, 4) && g4 === 0xffff && g5 === 0)) return [v4(g6, g7)];
  if (g0 === 0x64 && g1 === 0xff9b && zeros(2, 6)) return [v4(g6, g7)];
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) {
    return [
      [g3 >> 8, g3 & 255, g4 & 255, g5 >> 8],
      [g3 & 255, g4 & 255, g5 >> 8, g5 & 255],
      [g4 & 255, g5 >> 8, g5 & 255, g6 >> 8],
    ]
      .map((bytes) => bytes.join('.'))
      .concat(v4(g6, g7));
  }
  if (g0 === 0x2002) return [v4(g1, g2)];
  if (g0 === 0x2001 && g1 === 0) return [v4(g2, g3), v4(g6 ^ 0xffff, g7 ^ 0xffff)];
  return [];
}
