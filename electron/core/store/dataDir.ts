import { posix, win32 } from 'node:path';

/**
 * The folder the desktop app and the CLI share. It is Electron's `userData` folder for the product
 * name "Event Tester" (package.json's productName, so an unpackaged `electron .` and the packaged
 * app agree), worked out here without Electron so the CLI finds the same history as the app.
 */

export const PRODUCT_NAME = 'Event Tester';

export interface DataDirContext {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  homedir: string;
}

export function defaultDataDir({ env, platform, homedir }: DataDirContext): string {
  const override = nonEmpty(env.EVENT_TESTER_HOME);
  if (override) return override;
  if (platform === 'win32') {
    return win32.join(nonEmpty(env.APPDATA) ?? win32.join(homedir, 'AppData', 'Roaming'), PRODUCT_NAME);
  }
  if (platform === 'darwin') return posix.join(homedir, 'Library', 'Application Support', PRODUCT_NAME);
  // Linux and the other Unixes: Chromium takes XDG_CONFIG_HOME whenever it is set and not empty.
  return posix.join(nonEmpty(env.XDG_CONFIG_HOME) ?? posix.join(homedir, '.config'), PRODUCT_NAME);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
