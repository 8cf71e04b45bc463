// Rules for a new folder's name, checked as the user types (the endpoint checks the whole key again).

/** Why `name` cannot be a folder inside `prefix`, or null when it can. */
export function folderNameError(name: string, prefix: string): string | null {
  if (name.trim() === '') return 'Enter a name';
  if (name.includes('/')) return 'A folder name cannot contain "/" (create one folder at a time)';
  if (name === '.' || name === '..') return 'Choose a name other than "." or ".."';
  if (new TextEncoder().encode(`${prefix}${name}/`).length > 1024) return 'Too long: a key is at most 1024 bytes';
  return null;
}
