// `npm start`: the desktop app. Electron's npm package fetches its binary on first use; where that
// cannot happen (no internet, a locked-down laptop) say so in one line and point to the browser
// host instead of printing the downloader's stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));

/** The binary named by the package's path.txt, or null while it is not on disk. */
function installedBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

let binary = installedBinary();
if (!binary) {
  console.log("Fetching Electron's binary (first start only)...");
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const install = spawnSync(process.execPath, [join(electronDir, 'install.js')], { env, encoding: 'utf8' });
  binary = install.status === 0 ? installedBinary() : null;
}
if (!binary) {
  console.error(
    "event-tester: Electron's binary is not installed and could not be downloaded; run the same app in your browser instead: npx event-tester ui",
  );
  process.exit(1);
}
const child = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit', windowsHide: false });
child.on('error', (error) => {
  console.error(`event-tester: Electron could not start (${error.message}); try: npx event-tester ui`);
  process.exit(1);
});
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
