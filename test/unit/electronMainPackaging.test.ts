import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const CONFIG = '../../electron-builder.config.cjs';

function loadConfig(e2e: boolean): Record<string, unknown> & { electronFuses: Record<string, boolean> } {
  if (e2e) process.env.EVENT_TESTER_E2E_BUILD = '1';
  else delete process.env.EVENT_TESTER_E2E_BUILD;
  delete require.cache[require.resolve(CONFIG)];
  return require(CONFIG);
}

afterEach(() => {
  delete process.env.EVENT_TESTER_E2E_BUILD;
});

describe('electron-builder config', () => {
  it("matches electron-builder's schema", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config');
    const { DebugLogger } = require('builder-util');
    await expect(validateConfiguration(loadConfig(false), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('locks the release fuses down and keeps inspect arguments only for e2e builds', () => {
    const release = loadConfig(false);
    expect(release.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(loadConfig(true).electronFuses.enableNodeCliInspectArguments).toBe(true);
  });

  it('ships only the built bundles, in an asar, for every platform', () => {
    const config = loadConfig(false);
    expect(config).toMatchObject({
      appId: 'com.eventtester.app',
      productName: 'Event Tester',
      asar: true,
      publish: null,
      linux: { target: ['AppImage', 'deb'] },
      mac: { target: ['dmg'], hardenedRuntime: true },
      win: { target: ['nsis'] },
      nsis: { oneClick: false },
    });
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'package.json']));
    expect((config.deb as { depends: string[] }).depends).toContain('libsecret-1-0');
  });

  it('ships libsql unbundled, its native binary unpacked from the asar, without a rebuild', () => {
    const config = loadConfig(false);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node']));
    expect(config.npmRebuild).toBe(false);
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(pkg.dependencies).toHaveProperty('libsql');
    // The esbuild script names libsql as native and keeps it external in the CLI and main bundles.
    const build = readFileSync(new URL('../../scripts/build.mjs', import.meta.url), 'utf8');
    expect(build).toMatch(/const native = \[[^\]]*'libsql'[^\]]*\]/);
    expect(build).toMatch(/outfile: 'dist\/cli\/event-tester\.mjs',[^}]*external: native/);
    expect(build).toMatch(/outfile: 'dist\/main\/index\.cjs',[^}]*external: \['electron', \.\.\.native\]/);
    // The CLI bundle (built by the test setup) imports libsql rather than carrying a copy of it.
    const cli = new URL('../../dist/cli/event-tester.mjs', import.meta.url);
    if (existsSync(cli)) expect(readFileSync(cli, 'utf8')).not.toContain('databaseOpenWithSync');
  });
});
