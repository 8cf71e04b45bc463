// Test helper: reads an `strace -f -y` log of the server and checks, for each HTTP response that acknowledges a
// change, that what it depends on reached stable storage first (WAL fsync; for a file-backed object also the
// file fsync, rename and folder fsync before the commit). Pure: text in, findings out.

/** One traced system call: where it starts and ends in the log (unfinished/resumed pairs span lines). */
export interface Syscall {
  pid: number;
  name: string;
  /** Path of the fd (strace -y) or the path arguments (rename, mkdir). */
  paths: string[];
  start: number;
  end: number;
  /** HTTP status of a response written to a socket. */
  status?: number;
}

const LINE = /^(\d+)\s+(?:<\.\.\. (\w+) resumed>|(\w+)\()(.*)$/;

function describeArgs(name: string, args: string): Pick<Syscall, 'paths' | 'status'> {
  const fdPath = /^\d+<([^>]*)>/.exec(args)?.[1];
  if (name.startsWith('rename') || name.startsWith('mkdir')) return { paths: [...args.matchAll(/"([^"]*)"/g)].map((m) => m[1]) };
  const status = fdPath?.startsWith('socket:') ? /^[^"]*"HTTP\/1\.1 (\d{3}) /.exec(args)?.[1] : undefined;
  return { paths: fdPath ? [fdPath] : [], status: status ? Number(status) : undefined };
}

/** Parse an `strace -f -y` log (one call per line, `<unfinished ...>` / `<... resumed>` pairs joined). */
export function parseStrace(text: string): Syscall[] {
  const calls: Syscall[] = [];
  const open = new Map<string, Syscall>();
  text.split('\n').forEach((line, index) => {
    const m = LINE.exec(line);
    if (!m) return;
    const pid = Number(m[1]);
    if (m[2]) {
      const call = open.get(`${pid} ${m[2]}`);
      if (call) { call.end = index; open.delete(`${pid} ${m[2]}`); }
      return;
    }
    const call: Syscall = { pid, name: m[3], start: index, end: index, ...describeArgs(m[3], m[4]) };
    calls.push(call);
    if (m[4].endsWith('<unfinished ...>')) open.set(`${pid} ${m[3]}`, call);
  });
  return calls;
}

const isSync = (c: Syscall) => c.name === 'fsync' || c.name === 'fdatasync';
const isWrite = (c: Syscall) => /^(p?write(v|64)?|pwritev2?)$/.test(c.name);
const isWal = (c: Syscall) => c.paths[0]?.endsWith('.sqlite-wal') ?? false;

/** The final responses (not 100 Continue) written to sockets, in order, each with the calls since the previous one. */
export function responses(calls: Syscall[]): { response: Syscall; before: Syscall[] }[] {
  const out: { response: Syscall; before: Syscall[] }[] = [];
  let from = -1;
  for (const call of calls) {
    if (call.status === undefined || call.status === 100) continue;
    out.push({ response: call, before: calls.filter((c) => c.start > from && c.start < call.start) });
    from = call.start;
  }
  return out;
}

/**
 * What is wrong with one acknowledgement: its last WAL write must be followed by a WAL fsync that finished before
 * the response; with `file`, the object's temp file is fsynced, renamed into objects/xx/ and that folder (and
 * objects/ when xx/ was new) fsynced before the commit's first WAL write. Empty when all holds.
 */
export function ackProblems(ack: { response: Syscall; before: Syscall[] }, file: boolean): string[] {
  const { response, before } = ack;
  const problems: string[] = [];
  const walWrites = before.filter((c) => isWrite(c) && isWal(c));
  const last = walWrites[walWrites.length - 1];
  if (!last) return [`response ${response.status}: no WAL write before it (nothing committed?)`];
  if (!before.some((c) => isSync(c) && isWal(c) && c.start > last.start && c.end < response.start)) {
    problems.push(`response ${response.status}: no WAL fsync between its last WAL write and the response`);
  }
  if (!file) return problems;
  const rename = before.find((c) => c.name.startsWith('rename') && /\/objects\/[0-9a-f]{2}\/[0-9a-f]+$/.test(c.paths[1] ?? ''));
  if (!rename) return [...problems, `response ${response.status}: no rename into objects/`];
  const [from, to] = rename.paths;
  const folder = to.slice(0, to.lastIndexOf('/'));
  const commit = walWrites.find((c) => c.start > rename.start);
  if (!commit) problems.push('no WAL write after the rename (the commit)');
  const fileSync = before.find((c) => isSync(c) && c.paths[0] === from);
  if (!fileSync || fileSync.end > rename.start) problems.push(`the temp file ${from} was not fsynced before its rename`);
  const folderSync = before.find((c) => isSync(c) && c.paths[0] === folder && c.start > rename.start);
  if (!folderSync || !commit || folderSync.end > commit.start) problems.push(`${folder} was not fsynced between the rename and the commit`);
  const made = before.find((c) => c.name.startsWith('mkdir') && c.paths[0] === folder);
  const parent = folder.slice(0, folder.lastIndexOf('/'));
  if (made && !before.some((c) => isSync(c) && c.paths[0] === parent && c.start > made.start && commit && c.end < commit.start)) {
    problems.push(`${parent} was not fsynced after creating ${folder}, before the commit`);
  }
  return problems;
}
