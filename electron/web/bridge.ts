/**
 * Entry of dist/web/bridge.js, loaded by index.html before the app (the web host injects the tag):
 * defines `window.tester` as the Electron preload does, so the renderer runs unchanged in a browser.
 */
import { buildWebTesterApi, takeToken } from './bridge/testerApi';

Object.defineProperty(window, 'tester', {
  value: buildWebTesterApi(takeToken()),
  writable: false,
  configurable: false,
  enumerable: false,
});
