// The checker of the strace ordering proof must be able to fail: table of logs in the right order and with
// each dependency moved after the acknowledgement (or missing).
import { describe, expect, it } from 'vitest';
import { ackProblems, parseStrace, responses } from '../helpers/syscall-order';

const D = '/data';
const WAL = `${D}/buckethooks.sqlite-wal`;
const lines = {
  tmpWrite: `10 writev(29<${D}/tmp/ab12>, [{iov_base="x"}], 1) = 1`,
  tmpSync: `11 fsync(29<${D}/tmp/ab12>) = 0`,
  mkdir: `10 mkdir("${D}/objects/ab", 0700) = 0`,
  objectsSync: `12 fsync(30<${D}/objects>) = 0`,
  rename: `10 rename("${D}/tmp/ab12", "${D}/objects/ab/ab12") = 0`,
  folderSync: `13 fsync(31<${D}/objects/ab>) = 0`,
  walWrite: `10 pwrite64(20<${WAL}>, "\\0\\0", 24, 0) = 24`,
  walSyncStart: `14 fdatasync(28<${WAL}> <unfinished ...>`,
  walSyncEnd: '14 <... fdatasync resumed>) = 0',
  ok: '10 write(27<socket:[1]>, "HTTP/1.1 200 OK\\r\\netag: x"..., 200) = 200',
  cont: '10 write(27<socket:[1]>, "HTTP/1.1 100 Continue\\r\\n\\r\\n", 25) = 25',
};
type Name = keyof typeof lines;
const check = (order: Name[], file: boolean) => {
  const acks = responses(parseStrace(order.map((n) => lines[n]).join('\n')));
  expect(acks).toHaveLength(1);
  return ackProblems(acks[0], file);
};
const goodFile: Name[] = ['cont', 'tmpWrite', 'tmpSync', 'mkdir', 'objectsSync', 'rename', 'folderSync', 'walWrite', 'walSyncStart', 'walSyncEnd', 'ok'];

describe('ackProblems', () => {
  it('accepts the durable order, inline and file-backed', () => {
    expect(check(['walWrite', 'walSyncStart', 'walSyncEnd', 'ok'], false)).toEqual([]);
    expect(check(goodFile, true)).toEqual([]);
  });

  it.each<[string, Name[], boolean, RegExp]>([
    ['WAL fsync finishing after the response', ['walWrite', 'walSyncStart', 'ok', 'walSyncEnd'], false, /no WAL fsync/],
    ['WAL fsync before the last WAL write', ['walSyncStart', 'walSyncEnd', 'walWrite', 'ok'], false, /no WAL fsync/],
    ['no commit at all', ['ok'], false, /no WAL write/],
    ['temp file fsynced after its rename', ['tmpWrite', 'mkdir', 'objectsSync', 'rename', 'tmpSync', 'folderSync', 'walWrite', 'walSyncStart', 'walSyncEnd', 'ok'], true, /not fsynced before its rename/],
    ['folder fsynced after the commit', ['tmpWrite', 'tmpSync', 'mkdir', 'objectsSync', 'rename', 'walWrite', 'folderSync', 'walSyncStart', 'walSyncEnd', 'ok'], true, /objects\/ab was not fsynced/],
    ['new folder never made durable', ['tmpWrite', 'tmpSync', 'mkdir', 'rename', 'folderSync', 'walWrite', 'walSyncStart', 'walSyncEnd', 'ok'], true, /\/data\/objects was not fsynced/],
  ])('finds %s', (_why, order, file, problem) => {
    expect(check(order, file).join('; ')).toMatch(problem);
  });
});
