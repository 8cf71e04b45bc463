// Files from a drag-and-drop or a folder picker, each with its path relative to what was dropped, so a dropped
// folder keeps its structure ("photos/2024/a.jpg"). Walks FileSystemEntry trees (webkitGetAsEntry).

/** A file to upload and the key suffix it goes to under the current folder. */
export interface PickedFile { path: string; file: File }

/** The parts of FileSystemEntry the walk uses (so tests can pass plain objects). */
export interface EntryLike {
  isFile: boolean; isDirectory: boolean; name: string;
  file?(ok: (file: File) => void, fail: (err: unknown) => void): void;
  createReader?(): { readEntries(ok: (entries: EntryLike[]) => void, fail: (err: unknown) => void): void };
}

async function readAll(dir: EntryLike): Promise<EntryLike[]> {
  const reader = dir.createReader!();
  const all: EntryLike[] = [];
  // readEntries returns the folder in batches (100 in Chromium) until an empty one.
  for (;;) {
    const batch = await new Promise<EntryLike[]>((ok, fail) => reader.readEntries(ok, fail));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

/** Every file under `entry`, its path prefixed with `parent`. */
export async function walkEntry(entry: EntryLike, parent = ''): Promise<PickedFile[]> {
  const path = parent + entry.name;
  if (entry.isFile) return [{ path, file: await new Promise<File>((ok, fail) => entry.file!(ok, fail)) }];
  if (!entry.isDirectory) return [];
  const children = await readAll(entry);
  const nested = await Promise.all(children.map((c) => walkEntry(c, `${path}/`)));
  return nested.flat();
}

/** The files of a drop: folders walked (keeping relative paths) where the browser exposes entries. */
export async function filesFromDrop(data: DataTransfer | null): Promise<PickedFile[]> {
  if (!data) return [];
  const entries = Array.from(data.items ?? [])
    .filter((i) => i.kind === 'file')
    .map((i) => i.webkitGetAsEntry?.() as EntryLike | null | undefined);
  if (entries.length > 0 && entries.every((e) => e)) return (await Promise.all(entries.map((e) => walkEntry(e!)))).flat();
  return Array.from(data.files).map((file) => ({ path: file.name, file }));
}

/** The files of an <input type=file> (with `webkitdirectory`, paths relative to the chosen folder's parent). */
export function filesFromInput(list: FileList | null): PickedFile[] {
  return Array.from(list ?? []).map((file) => ({ path: file.webkitRelativePath || file.name, file }));
}
