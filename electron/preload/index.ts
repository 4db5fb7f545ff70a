import { contextBridge, ipcRenderer } from 'electron';
import { buildTesterApi } from './api';

/** Exposes `window.tester` (see shared/ipc/contract.ts) and nothing else. */
contextBridge.exposeInMainWorld('tester', buildTesterApi(ipcRenderer));
