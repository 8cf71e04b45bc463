// The smaller main-process modules the shell may use: Menu (items clickable by id from the driver), shell,
// dialog (error boxes also go to stderr, as Electron prints them before a window exists), clipboard,
// nativeTheme, and safeStorage (AES-GCM under a fixed key, so secrets written by one run decrypt in the next).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { onRequest, plain, record, strict } from './control.mjs';

let applicationMenu = null;

/** Depth-first search of a menu template for the item with `id`. */
function findItem(items, id) {
  for (const item of items ?? []) {
    if (item.id === id) return item;
    const inner = Array.isArray(item.submenu) ? findItem(item.submenu, id) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

export const Menu = strict('Menu', {
  buildFromTemplate(template) { record('Menu.buildFromTemplate', template); return { items: template }; },
  setApplicationMenu(menu) { record('Menu.setApplicationMenu'); applicationMenu = menu; },
  getApplicationMenu() { return applicationMenu; },
});

onRequest('menu', () => plain(applicationMenu?.items ?? null));
onRequest('menu-click', (id) => {
  const item = findItem(applicationMenu?.items, id);
  if (!item?.click) throw new Error(`fake electron: no clickable menu item "${id}"`);
  item.click(item, undefined, {});
});

export const shell = strict('shell', {
  openExternal(url) { record('shell.openExternal', url); return Promise.resolve(); },
  openPath(path) { record('shell.openPath', path); return Promise.resolve(''); },
  showItemInFolder(path) { record('shell.showItemInFolder', path); },
});

export const dialog = strict('dialog', {
  showErrorBox(title, content) {
    record('dialog.showErrorBox', title, content);
    process.stderr.write(`[fake electron] ${title}: ${content}\n`);
  },
  showMessageBox(...args) { record('dialog.showMessageBox', ...args); return Promise.resolve({ response: 0, checkboxChecked: false }); },
  showOpenDialog(...args) { record('dialog.showOpenDialog', ...args); return Promise.resolve({ canceled: true, filePaths: [] }); },
  showSaveDialog(...args) { record('dialog.showSaveDialog', ...args); return Promise.resolve({ canceled: true }); },
});

let clipboardText = '';
export const clipboard = strict('clipboard', {
  writeText(text) { record('clipboard.writeText', text); clipboardText = String(text); },
  readText() { return clipboardText; },
});
onRequest('clipboard', () => clipboardText);

export const nativeTheme = strict('nativeTheme', Object.assign(new EventEmitter(), {
  shouldUseDarkColors: false, themeSource: 'system', shouldUseHighContrastColors: false,
}));

// FAKE_ELECTRON_SAFE_STORAGE=unavailable makes it behave like a Linux session without a keyring.
const KEY = createHash('sha256').update('fake-electron safeStorage').digest();
const MAGIC = Buffer.from('v10');
const available = () => process.env.FAKE_ELECTRON_SAFE_STORAGE !== 'unavailable';

export const safeStorage = strict('safeStorage', {
  isEncryptionAvailable() { return available(); },
  getSelectedStorageBackend() { return available() ? 'gnome_libsecret' : 'basic_text'; },
  setUsePlainTextEncryption(value) { record('safeStorage.setUsePlainTextEncryption', value); },
  encryptString(text) {
    record('safeStorage.encryptString');
    if (!available()) throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', KEY, iv);
    const body = Buffer.concat([cipher.update(String(text), 'utf8'), cipher.final()]);
    return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]);
  },
  decryptString(data) {
    record('safeStorage.decryptString');
    try {
      const buf = Buffer.from(data);
      if (!buf.subarray(0, 3).equals(MAGIC)) throw new Error('not ours');
      const decipher = createDecipheriv('aes-256-gcm', KEY, buf.subarray(3, 15));
      decipher.setAuthTag(buf.subarray(15, 31));
      return Buffer.concat([decipher.update(buf.subarray(31)), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    }
  },
});
