import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, PRODUCT_NAME } from '../../electron/core/store/dataDir';

describe('defaultDataDir', () => {
  it('takes EVENT_TESTER_HOME first, on every platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(
        defaultDataDir({
          env: { EVENT_TESTER_HOME: '/srv/et', APPDATA: 'C:\\x' },
          platform,
          homedir: '/home/ada',
        }),
      ).toBe('/srv/et');
    }
  });

  it("is Electron's userData folder on Linux: XDG_CONFIG_HOME, else ~/.config", () => {
    expect(defaultDataDir({ env: {}, platform: 'linux', homedir: '/home/ada' })).toBe(
      '/home/ada/.config/Event Tester',
    );
    expect(
      defaultDataDir({ env: { XDG_CONFIG_HOME: '/cfg' }, platform: 'linux', homedir: '/home/ada' }),
    ).toBe('/cfg/Event Tester');
    expect(
      defaultDataDir({
        env: { XDG_CONFIG_HOME: '', EVENT_TESTER_HOME: '' },
        platform: 'linux',
        homedir: '/home/ada',
      }),
    ).toBe('/home/ada/.config/Event Tester');
    expect(defaultDataDir({ env: {}, platform: 'freebsd', homedir: '/home/ada' })).toBe(
      '/home/ada/.config/Event Tester',
    );
  });

  it('is ~/Library/Application Support/Event Tester on macOS, whatever XDG says', () => {
    expect(
      defaultDataDir({ env: { XDG_CONFIG_HOME: '/cfg' }, platform: 'darwin', homedir: '/Users/ada' }),
    ).toBe('/Users/ada/Library/Application Support/Event Tester');
  });

  it('is %APPDATA%\\Event Tester on Windows, else the roaming folder under the profile', () => {
    expect(
      defaultDataDir({
        env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' },
        platform: 'win32',
        homedir: 'C:\\Users\\ada',
      }),
    ).toBe('C:\\Users\\ada\\AppData\\Roaming\\Event Tester');
    expect(defaultDataDir({ env: {}, platform: 'win32', homedir: 'C:\\Users\\ada' })).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\Event Tester',
    );
  });

  it("uses package.json's productName, so an unpackaged `electron .` picks the same folder", () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(pkg.productName).toBe(PRODUCT_NAME);
  });
});
