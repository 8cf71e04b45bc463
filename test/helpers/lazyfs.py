# A small LazyFS: a FUSE passthrough that keeps every written byte in its own memory until the file is fsynced,
# so killing this process (and unmounting) drops exactly what a power cut drops: whatever was never fsynced.
# Names (create, rename, link, unlink, mkdir) reach the backing folder at once, as in LazyFS; file data does not.
# Usage: /usr/bin/python3 lazyfs.py BACKING MOUNTPOINT   (foreground; prints "mounted" once serving)
import errno
import os
import sys
import threading

from fusepy import FUSE, FuseOSError, Operations

PAGE = 4096


class Unsynced:
    """The bytes of one file (by backing inode) written since its last fsync: whole pages, and its size."""

    def __init__(self, size):
        self.pages = {}
        self.size = size


class LazyFS(Operations):
    def __init__(self, root):
        self.root = root
        self.mutex = threading.RLock()
        self.unsynced = {}

    def _path(self, path):
        return os.path.join(self.root, path.lstrip('/'))

    def _ino(self, fh):
        return os.fstat(fh).st_ino

    def _size(self, ino, backing_size):
        state = self.unsynced.get(ino)
        return state.size if state else backing_size

    def init(self, path):
        print('mounted', flush=True)

    # Metadata: straight to the backing folder.
    def getattr(self, path, fh=None):
        st = os.lstat(self._path(path))
        attrs = {key: getattr(st, key) for key in (
            'st_atime', 'st_ctime', 'st_gid', 'st_mode', 'st_mtime', 'st_nlink', 'st_size', 'st_uid', 'st_ino')}
        with self.mutex:
            attrs['st_size'] = self._size(st.st_ino, st.st_size)
        return attrs

    def access(self, path, mode):
        if not os.access(self._path(path), mode):
            raise FuseOSError(errno.EACCES)

    def readdir(self, path, fh):
        return ['.', '..'] + os.listdir(self._path(path))

    def chmod(self, path, mode):
        os.chmod(self._path(path), mode)

    def chown(self, path, uid, gid):
        os.chown(self._path(path), uid, gid)

    def utimens(self, path, times=None):
        os.utime(self._path(path), times)

    def mkdir(self, path, mode):
        os.mkdir(self._path(path), mode)

    def rmdir(self, path):
        os.rmdir(self._path(path))

    def _forget_if_last_name(self, path):
        """A file losing its last name takes its unsynced bytes with it (its inode number may be reused)."""
        try:
            st = os.lstat(self._path(path))
        except FileNotFoundError:
            return
        if st.st_nlink == 1:
            with self.mutex:
                self.unsynced.pop(st.st_ino, None)

    def unlink(self, path):
        self._forget_if_last_name(path)
        os.unlink(self._path(path))

    def rename(self, old, new):
        self._forget_if_last_name(new)
        os.rename(self._path(old), self._path(new))

    def link(self, target, source):
        os.link(self._path(source), self._path(target))

    def symlink(self, target, source):
        os.symlink(source, self._path(target))

    def readlink(self, path):
        return os.readlink(self._path(path))

    def statfs(self, path):
        st = os.statvfs(self._path(path))
        return {key: getattr(st, key) for key in (
            'f_bavail', 'f_bfree', 'f_blocks', 'f_bsize', 'f_favail', 'f_ffree', 'f_files', 'f_flag', 'f_frsize', 'f_namemax')}

    def fsyncdir(self, path, datasync, fh):
        return 0

    # File data: kept here until fsync.
    def open(self, path, flags):
        # Read-write whatever the caller asked: pages are filled from the backing file before a partial write.
        return os.open(self._path(path), os.O_RDWR)

    def create(self, path, mode, fi=None):
        return os.open(self._path(path), os.O_RDWR | os.O_CREAT | os.O_TRUNC, mode)

    def _page(self, state, fh, index):
        page = state.pages.get(index)
        if page is None:
            page = bytearray(os.pread(fh, PAGE, index * PAGE).ljust(PAGE, b'\0'))
            state.pages[index] = page
        return page

    def write(self, path, data, offset, fh):
        with self.mutex:
            ino = self._ino(fh)
            state = self.unsynced.get(ino)
            if state is None:
                state = self.unsynced[ino] = Unsynced(os.fstat(fh).st_size)
            done = 0
            while done < len(data):
                index, within = divmod(offset + done, PAGE)
                n = min(PAGE - within, len(data) - done)
                self._page(state, fh, index)[within:within + n] = data[done:done + n]
                done += n
            state.size = max(state.size, offset + len(data))
            return len(data)

    def read(self, path, size, offset, fh):
        with self.mutex:
            state = self.unsynced.get(self._ino(fh))
            if state is None:
                return os.pread(fh, size, offset)
            end = min(offset + size, state.size)
            out = bytearray()
            position = offset
            while position < end:
                index, within = divmod(position, PAGE)
                n = min(PAGE - within, end - position)
                page = state.pages.get(index)
                out += page[within:within + n] if page is not None else os.pread(fh, n, position).ljust(n, b'\0')
                position += n
            return bytes(out)

    def truncate(self, path, length, fh=None):
        with self.mutex:
            target = fh if fh is not None else os.open(self._path(path), os.O_RDWR)
            try:
                state = self.unsynced.get(self._ino(target))
                if state is not None:
                    for index in [i for i in state.pages if i * PAGE >= length]:
                        del state.pages[index]
                    last = state.pages.get(length // PAGE)
                    if last is not None:
                        last[length % PAGE:] = bytes(PAGE - length % PAGE)
                    state.size = length
                os.ftruncate(target, length)
            finally:
                if fh is None:
                    os.close(target)

    def fsync(self, path, datasync, fh):
        with self.mutex:
            ino = self._ino(fh)
            state = self.unsynced.pop(ino, None)
            if state is not None:
                for index, page in sorted(state.pages.items()):
                    if index * PAGE < state.size:
                        os.pwrite(fh, bytes(page[:state.size - index * PAGE]), index * PAGE)
                if os.fstat(fh).st_size != state.size:
                    os.ftruncate(fh, state.size)
            os.fsync(fh)
        return 0

    def flush(self, path, fh):
        return 0

    def release(self, path, fh):
        os.close(fh)
        return 0


if __name__ == '__main__':
    backing, mountpoint = sys.argv[1], sys.argv[2]
    FUSE(LazyFS(backing), mountpoint, foreground=True, direct_io=True, big_writes=True, max_write=131072,
         attr_timeout=0, entry_timeout=0, negative_timeout=0)
