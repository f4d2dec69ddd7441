import { loadConfig } from '../../src/config';
import { AddressPolicy } from '../../src/domain/address-ranges';
import { carriedIPv4, ipv6Groups } from '../../src/domain/ipv6';
import { resolveTarget, targetPolicy } from '../../src/services/webhooks/target';

/**
 * Every IPv6 form that carries an IPv4 address is judged by that address: loopback, private and
 * link-local ones are refused in production, a public one passes. Teredo clients are stored
 * inverted: 127.0.0.1 is 80ff:fffe, 10.0.0.1 f5ff:fffe, 169.254.169.254 5601:5601, 8.8.8.8 f7f7:f7f7.
 */
const TEREDO_SERVER = '4136:e378'; // 65.54.227.120, public
const table: Array<[form: string, address: string, carries: string, allowed: boolean]> = [
  ['IPv4-compatible', '::127.0.0.1', '127.0.0.1', false],
  ['IPv4-compatible', '::7f00:1', '127.0.0.1', false],
  ['IPv4-compatible', '::10.0.0.1', '10.0.0.1', false],
  ['IPv4-compatible', '::a9fe:a9fe', '169.254.169.254', false],
  ['IPv4-compatible', '::93.184.216.34', '93.184.216.34', true],
  ['IPv4-mapped', '::ffff:127.0.0.1', '127.0.0.1', false],
  ['IPv4-mapped', '::ffff:c0a8:101', '192.168.1.1', false],
  ['IPv4-mapped', '::ffff:169.254.169.254', '169.254.169.254', false],
  ['IPv4-mapped', '::ffff:5db8:d822', '93.184.216.34', true],
  ['IPv4-translated', '::ffff:0:127.0.0.1', '127.0.0.1', false],
  ['IPv4-translated', '::ffff:0:ac10:1', '172.16.0.1', false],
  ['IPv4-translated', '::ffff:0:a9fe:a9fe', '169.254.169.254', false],
  ['IPv4-translated', '::ffff:0:8.8.8.8', '8.8.8.8', true],
  ['6to4', '2002:7f00:1::1', '127.0.0.1', false],
  ['6to4', '2002:a00:1::1', '10.0.0.1', false],
  ['6to4', '2002:a9fe:a9fe::1', '169.254.169.254', false],
  ['6to4', '2002:808:808::1', '8.8.8.8', true],
  ['Teredo client', `2001:0:${TEREDO_SERVER}:8000:63bf:80ff:fffe`, '127.0.0.1', false],
  ['Teredo client', `2001:0:${TEREDO_SERVER}:8000:63bf:f5ff:fffe`, '10.0.0.1', false],
  ['Teredo client', `2001:0:${TEREDO_SERVER}:8000:63bf:5601:5601`, '169.254.169.254', false],
  ['Teredo client', `2001:0:${TEREDO_SERVER}:8000:63bf:f7f7:f7f7`, '8.8.8.8', true],
  ['Teredo server', '2001:0:a00:1:8000:63bf:f7f7:f7f7', '10.0.0.1', false],
  ['NAT64', '64:ff9b::127.0.0.1', '127.0.0.1', false],
  ['NAT64', '64:ff9b::a00:1', '10.0.0.1', false],
  ['NAT64', '64:ff9b::169.254.169.254', '169.254.169.254', false],
  ['NAT64', '64:ff9b::8.8.8.8', '8.8.8.8', true],
  ['local-use NAT64 /96', '64:ff9b:1::7f00:1', '127.0.0.1', false],
  ['local-use NAT64 /48', '64:ff9b:1:a00:1:0:808:808', '10.0.1.0', false],
  ['local-use NAT64, public at every position', '64:ff9b:1:808:8:808:808:808', '8.8.8.8', true],
  // The same addresses as nobody writes them.
  ['zero-padded', '0000:0000:0000:0000:0000:ffff:7f00:0001', '127.0.0.1', false],
  ['zero-padded', '2002:0a00:0001:0000:0000:0000:0000:0001', '10.0.0.1', false],
  ['mixed case', '::FFFF:7F00:1', '127.0.0.1', false],
  ['mixed case', '64:FF9B::A9FE:A9FE', '169.254.169.254', false],
  ['mixed case', `2001:0:${TEREDO_SERVER}:8000:63BF:80FF:FFFE`, '127.0.0.1', false],
  ['zone id', '::ffff:127.0.0.1%eth0', '127.0.0.1', false],
  ['zone id', '2002:7f00:1::1%1', '127.0.0.1', false],
  ['uncompressed', '0:0:0:0:0:0:7f00:1', '127.0.0.1', false],
  ['uncompressed', '0:0:0:0:ffff:0:7f00:1', '127.0.0.1', false],
  ['uncompressed', '2002:c0a8:0101:0:0:0:0:1', '192.168.1.1', false],
  ['unspecified', '::', '0.0.0.0', false],
  ['loopback', '::1', '0.0.0.1', false],
];

describe('IPv6 forms carrying IPv4, judged by the address they carry', () => {
  const production = new AddressPolicy(false);
  it.each(table)('%s %s carries %s (allowed: %s)', (_form, address, carries, allowed) => {
    expect(carriedIPv4(ipv6Groups(address)!)).toContain(carries);
    if (allowed) expect(production.refusal(address)).toBeNull();
    else expect(production.refusal(address)).toMatch(/is in a private, loopback, link-local or reserved range/);
  });

  it.each([
    ['fe80::1%eth0', false],
    ['FD00:EC2::254', false],
    ['2001:db8::1', false],
    ['2606:2800:220:1:248:1893:25c8:1946', true],
    ['2606:2800:0220:0001:0248:1893:25C8:1946', true],
  ])('judges %s, which carries no IPv4, by itself (allowed: %s)', (address, allowed) => {
    expect(carriedIPv4(ipv6Groups(address)!)).toEqual([]);
    expect(production.refusal(address) === null).toBe(allowed);
  });

  it('reads every textual form into the same eight groups', () => {
    const loopbackV4 = [0, 0, 0, 0, 0, 0xffff, 0x7f00, 1];
    for (const text of ['::ffff:127.0.0.1', '::FFFF:7f00:0001', '0:0:0:0:0:ffff:7f00:1', '::ffff:127.0.0.1%lo'])
      expect(ipv6Groups(text)).toEqual(loopbackV4);
    for (const text of ['127.0.0.1', 'vm', '::ffff:127.0.0.1%', '1::2::3', '00001::'])
      expect(ipv6Groups(text)).toBeNull();
  });

  it('an operator naming the carried range lets every form of it through', () => {
    const allowing = new AddressPolicy(false, ['127.0.0.0/8']);
    for (const address of ['::ffff:127.0.0.1', '2002:7f00:1::1', '64:ff9b::7f00:1']) {
      expect(allowing.refusal(address)).toBeNull();
    }
    expect(allowing.refusal('2002:a00:1::1')).not.toBeNull();
  });

  it('refuses the URLs that passed in production', async () => {
    const policy = targetPolicy(
      loadConfig({
        NODE_ENV: 'production',
        MIR_ADMIN_TOKEN: 'x'.repeat(40),
        DATABASE_URL: 'postgres://db/mir',
        TEMPORAL_ADDRESS: 'temporal:7233',
      }),
    );
    for (const url of ['https://[::127.0.0.1]/', 'https://[::ffff:0:127.0.0.1]/', 'https://[2002:7f00:1::1]/']) {
      expect([url, (await resolveTarget(url, policy)).ok]).toEqual([url, false]);
    }
    expect((await resolveTarget('https://[2002:808:808::1]/', policy)).ok).toBe(true);
  });
});
