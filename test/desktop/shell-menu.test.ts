// The native menu has About, Open data folder, Copy S3 endpoint and the standard Edit/View/Window menus.
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate } from '../../src-main/shell/menu-template';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

describe('buildMenuTemplate', () => {
  for (const isMac of [false, true]) {
    it(`has the app items wired to their actions (${isMac ? 'macOS' : 'Windows/Linux'})`, () => {
      const calls: string[] = [];
      const template = buildMenuTemplate({
        showAbout: () => calls.push('about'),
        openDataFolder: () => calls.push('folder'),
        copyEndpoint: () => calls.push('copy'),
      }, { isMac, dev: false });
      const items = flatten(template);
      for (const id of ['about', 'open-data-folder', 'copy-endpoint']) {
        const item = items.find((i) => i.id === id);
        expect(item?.label).toBeTruthy();
        (item?.click as () => void)();
      }
      expect(calls).toEqual(['about', 'folder', 'copy']);
      expect(template.map((m) => m.role).filter(Boolean)).toEqual(expect.arrayContaining(['editMenu', 'windowMenu']));
      expect(template.some((m) => m.label === 'View')).toBe(true);
      expect(items.some((i) => i.role === 'quit')).toBe(true);
      expect(items.some((i) => i.role === 'toggleDevTools')).toBe(false);
    });
  }
  it('offers developer tools only in dev', () => {
    const items = flatten(buildMenuTemplate({ showAbout() {}, openDataFolder() {}, copyEndpoint() {} }, { isMac: false, dev: true }));
    expect(items.some((i) => i.role === 'toggleDevTools')).toBe(true);
  });
});
