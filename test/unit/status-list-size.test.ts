import { StatusList } from '@sd-jwt/jwt-status-list';
import { STATUS_LIST_SIZE } from '../../src/domain/credentials';

/** Issue 33: a list of 100,000 credentials stays under 20 KB compressed, however many are revoked. */
describe('a full status list', () => {
  it.each([0, 0.01, 0.5, 1])('compresses under 20 KB with %p of it revoked', (share) => {
    const bits = Array.from({ length: STATUS_LIST_SIZE }, () => (Math.random() < share ? 1 : 0));
    const compressed = Buffer.from(new StatusList(bits, 1).compressStatusList(), 'base64url');
    expect(compressed.length).toBeLessThan(20_000);
    // And it reads back the same.
    const back = StatusList.decompressStatusList(compressed.toString('base64url'), 1);
    expect(back.statusList.slice(0, 1000)).toEqual(bits.slice(0, 1000));
  });
});
