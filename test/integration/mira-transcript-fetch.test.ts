import { fetchTranscript } from '../../src/activities/mira/transcript-fetch';
import { AddressPolicy } from '../../src/domain/address-ranges';
import { GOOD_CALL } from '../helpers/mira-transcripts';
import { json, startTranscriptServer } from '../helpers/transcript-server';

/**
 * transcript_url is fetched by the worker, inside the operator's network: the same outbound rules
 * as webhook targets apply, against a real local server (an address production refuses).
 */
let server: Awaited<ReturnType<typeof startTranscriptServer>>;
beforeAll(async () => {
  server = await startTranscriptServer({
    '/call.json': json(GOOD_CALL),
    '/moved': (_req, res) => res.writeHead(302, { location: '/call.json' }).end(),
  });
});
afterAll(() => server.close());

const bounds = (policy: { httpsOnly: boolean; addresses: AddressPolicy }) => ({
  timeoutMs: 2_000,
  maxBytes: 1_000_000,
  policy,
});
const development = bounds({ httpsOnly: false, addresses: new AddressPolicy(true) });

describe('fetching transcript_url', () => {
  it('reads a transcript from an allowed address', async () => {
    const segments = await fetchTranscript(server.url('/call.json'), development);
    expect(segments.length).toBeGreaterThan(3);
  });

  it('refuses loopback, private and metadata addresses in production, and plain http', async () => {
    const production = bounds({ httpsOnly: true, addresses: new AddressPolicy(false) });
    await expect(fetchTranscript(server.url('/call.json'), production)).rejects.toThrow(/refused: .*https/);
    const anyScheme = bounds({ httpsOnly: false, addresses: new AddressPolicy(false) });
    await expect(fetchTranscript(server.url('/call.json'), anyScheme)).rejects.toThrow(
      'transcript_url refused: target_not_allowed',
    );
    await expect(fetchTranscript('http://169.254.169.254/latest/meta-data', anyScheme)).rejects.toThrow(/refused/);
    await expect(fetchTranscript('http://10.1.2.3/t.json', anyScheme)).rejects.toThrow(/refused/);
    // A range an operator allows by name is reachable.
    const allowed = bounds({ httpsOnly: false, addresses: new AddressPolicy(false, ['127.0.0.0/8']) });
    expect((await fetchTranscript(server.url('/call.json'), allowed)).length).toBeGreaterThan(3);
  });

  it('never follows a redirect, which would reach an address nobody checked', async () => {
    const hitsBefore = server.hits.length;
    await expect(fetchTranscript(server.url('/moved'), development)).rejects.toThrow(/redirected \(HTTP 302\)/);
    expect(server.hits.slice(hitsBefore)).toEqual(['/moved']);
  });
});
