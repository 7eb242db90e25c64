// What every exporter writes through: text from user data with its line breaks and control characters escaped
// (a metadata key or value, a title, a path can never start a line of its own), and files opened so that no
// symlink is followed — a new file with exclusive create (O_EXCL also refuses a dangling link), an existing one
// for appending with O_NOFOLLOW — and checked to be a regular file through the descriptor that is written.
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, ftruncateSync, openSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { DaqError } from '../../shared/errors.ts';

/**
 * One line of text: CR, LF, TAB and every other control character (C0, DEL, C1, the Unicode line and paragraph
 * separators) written as a visible escape (\n, \r, \t, \u001b …).
 */
export function escapeLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** A CSV cell: control characters escaped, quoted when it holds a comma or a quote. */
export function csvCell(text: string): string {
  const t = escapeLine(text);
  return /[",]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/** writeSync may write less than asked; loop until all is written. */
function writeAll(fd: number, buf: Uint8Array): void {
  let at = 0;
  while (at < buf.length) at += writeSync(fd, buf, at, buf.length - at);
}

function ioError(file: string, err: unknown): DaqError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EEXIST') return new DaqError('EXISTS', `${file} exists. Overwrite it or choose another file name.`);
  if (code === 'ELOOP') return new DaqError('BAD_ARGUMENTS', `${file} is a symbolic link; exports never follow links. Choose the real file or another name.`);
  if (code === 'ENOSPC') return new DaqError('IO_ERROR', `The disk is full: ${file} could not be written. Free some space and export again.`);
  return new DaqError('IO_ERROR', `Cannot write ${file}: ${(err as Error).message}.`);
}

/** Creates `file` (never an existing file or link) and writes `data` to it. */
export function writeNewFile(file: string, data: string | Uint8Array): void {
  let fd: number;
  try {
    fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o644);
  } catch (err) {
    throw ioError(file, err);
  }
  try {
    writeAll(fd, typeof data === 'string' ? Buffer.from(data) : data);
  } catch (err) {
    closeSync(fd);
    // No half file is left behind (a full disk): the export either is complete or is not there.
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
    throw ioError(file, err);
  }
  closeSync(fd);
}

/**
 * Replaces `file` (overwrite): the new content goes to a fresh, exclusively created file beside it, which is then
 * renamed over the old entry. A rename replaces a link itself rather than its target, and a failure before it
 * leaves the old file as it was.
 */
export function replaceFile(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  writeNewFile(tmp, data);
  try {
    renameSync(tmp, file);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw ioError(file, err);
  }
}

/** An existing regular file opened for reading and appending, without following a link. */
export interface AppendTarget {
  fd: number;
  /** Its content when opened. */
  bytes: Buffer;
  append(text: string): void;
  close(): void;
}

/** Opens an existing file to append to it: refuses links (O_NOFOLLOW) and anything but a regular file. */
export function openForAppend(file: string, maxBytes = 512 * 2 ** 20): AppendTarget {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDWR | constants.O_APPEND | (constants.O_NOFOLLOW ?? 0));
  } catch (err) {
    throw ioError(file, err);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new DaqError('BAD_ARGUMENTS', `${file} is not a regular file; choose a SPEC file to append to.`);
    if (st.size > maxBytes) throw new DaqError('BAD_ARGUMENTS', `${file} is larger than ${Math.round(maxBytes / 2 ** 20)} MB; start a new SPEC file.`);
    const bytes = Buffer.alloc(st.size);
    let at = 0;
    while (at < bytes.length) {
      const n = readSync(fd, bytes, at, bytes.length - at, at);
      if (n === 0) break;
      at += n;
    }
    return {
      fd,
      bytes: bytes.subarray(0, at),
      append(text) {
        try {
          writeAll(fd, Buffer.from(text));
        } catch (err) {
          // A half-written block (disk full) is taken back: the file stays what it was.
          try {
            ftruncateSync(fd, at);
          } catch {
            // nothing more can be done; the error below says what happened
          }
          throw ioError(file, err);
        }
      },
      close() {
        closeSync(fd);
      },
    };
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}
