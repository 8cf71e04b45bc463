// The native menu as data: About, Open data folder, Copy S3 endpoint, and the standard Edit/View/Window menus.
// Pure (types only from electron): the actions are passed in, so a test can read and click the template.
import type { MenuItemConstructorOptions } from 'electron';

/** What the shell-specific items do. */
export interface MenuActions {
  showAbout(): void;
  openDataFolder(): void;
  copyEndpoint(): void;
}

export interface MenuOptions {
  isMac: boolean;
  /** Show developer tools items (npm run dev). */
  dev: boolean;
}

/** Build the application menu template for Menu.buildFromTemplate. */
export function buildMenuTemplate(actions: MenuActions, options: MenuOptions): MenuItemConstructorOptions[] {
  const about: MenuItemConstructorOptions = { id: 'about', label: 'About BucketHooks', click: () => actions.showAbout() };
  const appItems: MenuItemConstructorOptions[] = [
    { id: 'open-data-folder', label: 'Open Data Folder', click: () => actions.openDataFolder() },
    { id: 'copy-endpoint', label: 'Copy S3 Endpoint', accelerator: 'CmdOrCtrl+Shift+C', click: () => actions.copyEndpoint() },
  ];
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    ...(options.dev ? [{ role: 'toggleDevTools' } as const] : []),
    { type: 'separator' },
    { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  const edit: MenuItemConstructorOptions = { label: 'Edit', role: 'editMenu' };
  const viewMenu: MenuItemConstructorOptions = { label: 'View', submenu: view };
  const windowMenu: MenuItemConstructorOptions = { label: 'Window', role: 'windowMenu' };
  if (options.isMac) {
    return [
      { label: 'BucketHooks', submenu: [about, { type: 'separator' }, ...appItems, { type: 'separator' },
        { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }] },
      edit, viewMenu, windowMenu,
    ];
  }
  return [
    { label: 'File', submenu: [...appItems, { type: 'separator' }, { role: 'quit' }] },
    edit, viewMenu, windowMenu,
    { label: 'Help', role: 'help', submenu: [about] },
  ];
}
