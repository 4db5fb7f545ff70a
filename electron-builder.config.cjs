// @ts-check
/**
 * electron-builder configuration (`npm run dist`). Release builds switch off every Electron fuse
 * the app does not need (desktop-practice.md §3). EVENT_TESTER_E2E_BUILD=1 keeps
 * --inspect arguments working, because Playwright's _electron.launch needs them.
 */
const e2eBuild = process.env.EVENT_TESTER_E2E_BUILD === '1';

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'com.eventtester.app',
  productName: 'Event Tester',
  executableName: 'event-tester',
  copyright: 'Copyright © Event Tester',
  directories: { output: 'release', buildResources: 'build' },
  // Of our own files only the bundles and package.json ship: sources, tests, configs and source maps stay out.
  files: ['dist/**', '!dist/**/*.map', '!dist/cli/**', 'package.json'],
  asar: true,
  // electron-builder adds the production dependencies from node_modules itself; the one the bundles
  // need at run time is libsql (kept external by scripts/build.mjs) with its platform package
  // (@libsql/<os>-<arch>), so build each platform's installer on that platform. A native module
  // cannot load from inside an asar: its .node binary goes to app.asar.unpacked.
  asarUnpack: ['**/*.node'],
  // libsql ships prebuilt N-API binaries, which load in Electron as they are: nothing to rebuild.
  npmRebuild: false,
  publish: null,
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: e2eBuild,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Development',
    synopsis: 'Draft Segment events, deliver them to Marketo, inspect every request.',
  },
  deb: {
    // safeStorage needs a keyring through libsecret on GNOME-like desktops.
    depends: [
      'libgtk-3-0',
      'libnotify4',
      'libnss3',
      'libxss1',
      'libxtst6',
      'xdg-utils',
      'libatspi2.0-0',
      'libuuid1',
      'libsecret-1-0',
    ],
  },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.developer-tools',
    hardenedRuntime: true,
  },
  win: {
    target: ['nsis'],
  },
  nsis: {
    oneClick: false,
    allowToChangeInstallationDirectory: true,
    perMachine: false,
  },
};
