import { looksSecret, redactWebhookUrl } from '../../src/domain/webhook-url';

describe('webhook URLs as shown outside their delivery', () => {
  it.each([
    // Slack: team and bot ids kept, the token masked; every query value masked, names kept.
    [
      'https://hooks.example/services/T000/B000/XoXb4Jq8Zk2Lm9Np3Qr7St1V?token=abc&channel=ops',
      'https://hooks.example/services/T000/B000/***?token=***&channel=***',
    ],
    ['https://hooks.example:8443/mir/events', 'https://hooks.example:8443/mir/events'],
    ['https://hooks.example/', 'https://hooks.example/'],
    // A UUID, a long hex digest, a 32-character single-case word: masked.
    ['https://h.example/in/3f2b9c1e-8d4a-4e6f-9b1a-2c3d4e5f6a7b', 'https://h.example/in/***'],
    ['https://h.example/in/abcdefghijklmnopqrstuvwxyzabcdef', 'https://h.example/in/***'],
    ['https://h.example/in/AbCdEfGhIjKlMnOp/x', 'https://h.example/in/***/x'],
    // Ordinary words stay, even long ones in one case.
    ['https://h.example/webhooks/notifications/inbound', 'https://h.example/webhooks/notifications/inbound'],
    // Bytes nobody expected: percent-encoding judged decoded, unicode, malformed escapes.
    ['https://h.example/%58%6f%58%62%34%4a%71%38%5a%6b%32%4c%6d%39%4e%70', 'https://h.example/***'],
    ['https://h.example/ключ1234567890abcd', 'https://h.example/***'],
    ['https://h.example/%ZZ%ZZabc123def456ghi', 'https://h.example/***'],
    ['https://h.example/caf%C3%A9', 'https://h.example/caf%C3%A9'],
    // A query part without a name, a secret-looking name, an empty query, a fragment, userinfo.
    ['https://h.example/x?sk_live_51Habc123DEF456ghi', 'https://h.example/x?***'],
    ['https://h.example/x?sk_live_51Habc123DEF456ghi=1&a=', 'https://h.example/x?***=***&a=***'],
    ['https://h.example/x?', 'https://h.example/x'],
    ['https://h.example/x#frag-token-123', 'https://h.example/x'],
    ['https://user:pass@h.example/x', 'https://h.example/x'],
    ['not a url', '***'],
  ])('%s → %s', (raw, shown) => {
    expect(redactWebhookUrl(raw)).toBe(shown);
  });

  it('calls secret-looking what a token looks like, and not what a path word looks like', () => {
    expect(['XoXb4Jq8Zk2Lm9Np', 'a1b2c3d4e5f6a7b8', 'AbCdEfGhIjKlMnOp', 'x'.repeat(32)].map(looksSecret)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['T000', 'XoXb4Jq8Zk2Lm9N', 'notificationshook', '1234567890123456789', 'v1'].map(looksSecret)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
