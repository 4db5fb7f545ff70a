import type { MenuItemConstructorOptions } from 'electron';

/** A minimal menu: Quit, the edit roles (so copy/paste work in Monaco), and dev tools only in development. */
export function buildMenuTemplate(options: {
  isPackaged: boolean;
  platform: string;
}): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [];
  if (options.platform === 'darwin') template.push({ role: 'appMenu' });
  template.push({ label: 'File', submenu: [{ role: options.platform === 'darwin' ? 'close' : 'quit' }] });
  template.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  });
  const view: MenuItemConstructorOptions[] = [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }];
  if (!options.isPackaged) {
    view.unshift({ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' });
  }
  template.push({ label: 'View', submenu: view });
  return template;
}
