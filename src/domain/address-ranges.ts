import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook must never be sent in production: loopback, private, carrier-grade NAT,
 * link-local (which holds the cloud metadata address 169.254.169.254), unique-local IPv6
 * (which holds fd00:ec2::254), multicast and reserved ranges, "this network", and IPv4 embedded
 * in IPv6 forms that would reach any of those.
 */
const BLOCKED_V4 = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4',
  '240.0.0.0/4',
];
const BLOCKED_V6 = ['::/128', '::1/128', 'fc00::/7', 'fe80::/10', 'fec0::/10', 'ff00::/8', '2001:db8::/32'];

function blockListOf(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [net, bits] = cidr.split('/');
    const family = isIP(net!) === 6 ? 'ipv6' : 'ipv4';
    list.addSubnet(net!, Number(bits), family);
  }
  return list;
}

const blocked = blockListOf([...BLOCKED_V4, ...BLOCKED_V6]);

/** `a.b.c.d/n` or an IPv6 prefix; false for anything else. */
export function isCidr(value: string): boolean {
  const [net, bits, extra] = value.split('/');
  if (!net || bits === undefined || extra !== undefined || !/^\d{1,3}$/.test(bits)) return false;
  const family = isIP(net);
  return family !== 0 && Number(bits) <= (family === 6 ? 128 : 32);
}

/** The IPv4 address inside ::ffff:a.b.c.d, ::a.b.c.d (deprecated) and 64:ff9b::/96 (NAT64), if any. */
function embeddedV4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|::|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1]!;
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return null;
  const hi = parseInt(hex[1]!, 16);
  const lo = parseInt(hex[2]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

export class AddressPolicy {
  private readonly allowed: BlockList;

  /** `allowedCidrs`: ranges let through even though they are private (a partner's VPN, a sidecar). */
  constructor(
    readonly allowPrivate: boolean,
    readonly allowedCidrs: readonly string[] = [],
  ) {
    this.allowed = blockListOf(allowedCidrs);
  }

  /** Why an address may not be reached, or null when it may. */
  refusal(address: string): string | null {
    const family = isIP(address);
    if (family === 0) return `${address} is not an IP address`;
    if (this.allowPrivate) return null;
    const v4 = family === 6 ? embeddedV4(address) : address;
    const checks: Array<[string, 'ipv4' | 'ipv6']> = v4 ? [[v4, 'ipv4']] : [[address, 'ipv6']];
    for (const [a, f] of checks) {
      if (this.allowed.check(a, f)) return null;
      if (blocked.check(a, f)) return `${address} is in a private, loopback, link-local or reserved range`;
    }
    return null;
  }
}
