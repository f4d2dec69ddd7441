import { ConfigError, loadConfig, publicUrl } from '../../src/config';

describe('loadConfig', () => {
  it('gives a working local default with no environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      TEMPORAL_TASK_QUEUE: 'mir',
      TEMPORAL_NAMESPACE: 'default',
      MIR_DATA_DIR: '.data',
    });
    expect(publicUrl(config)).toBe('http://localhost:3000');
  });

  it('refuses production without an admin token, database and Temporal', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/MIR_ADMIN_TOKEN, DATABASE_URL, TEMPORAL_ADDRESS/);
  });

  it('accepts production when everything external is configured', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      MIR_ADMIN_TOKEN: 'x'.repeat(40),
      DATABASE_URL: 'postgres://db/mir',
      TEMPORAL_ADDRESS: 'temporal:7233',
    });
    expect(config.NODE_ENV).toBe('production');
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ MIR_ADMIN_TOKEN: 'short' })).toThrow(/MIR_ADMIN_TOKEN/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });
});
