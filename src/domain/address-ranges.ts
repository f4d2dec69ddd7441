import { BlockList, isIP } from 'node:net';
import { carriedIPv4, ipv6Groups, ipv6Text } from './ipv6';

/**
 * Where a webhook must never be sent in production: loopback, private, carrier-grade NAT,
 * link-local (which holds the cloud metadata address 169.254.169.254), unique-local IPv6
 * (which holds fd00:ec2::254), multicast and reserved ranges, "this network"; an IPv6 form that
 * carries an IPv4 address in one of those ranges too.
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

export class AddressPolicy {
  private readonly allowed: BlockList;

  /** `allowedCidrs`: ranges let through even though they are private (a partner's VPN, a sidecar). */
  constructor(
    readonly allowPrivate: boolean,
    readonly allowedCidrs: readonly string[] = [],
  ) {
    this.allowed = blockListOf(allowedCidrs);
  }

  /**
   * Why an address may not be reached, or null when it may. An IPv6 address that carries IPv4
   * (see carriedIPv4) is judged by every IPv4 address it carries as well as by itself.
   */
  refusal(address: string): string | null {
    const family = isIP(address);
    if (family === 0) return `${address} is not an IP address`;
    if (this.allowPrivate) return null;
    const groups = family === 6 ? ipv6Groups(address) : null;
    const v6 = groups ? ipv6Text(groups) : null;
    const v4s = groups ? carriedIPv4(groups) : [address];
    if (v6 && this.allowed.check(v6, 'ipv6')) return null;
    if (v4s.length > 0 && v4s.every((a) => this.allowed.check(a, 'ipv4'))) return null;
    const carried = v4s.find((a) => blocked.check(a, 'ipv4'));
    if ((v6 && blocked.check(v6, 'ipv6')) || carried) {
      const via = v6 && carried ? ` (it carries ${carried})` : '';
      return `${address}${via} is in a private, loopback, link-local or reserved range`;
    }
    return null;
  }
}
