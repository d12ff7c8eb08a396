// Lines of a file of any size, read in fixed chunks: memory stays bounded by the chunk and the
// longest line allowed, and every line carries the byte offset just after it, so an interrupted
// import can continue exactly there.
import { closeSync, openSync, readSync } from 'node:fs';

export const CHUNK_BYTES = 1 << 20;
/** A JSONL line holds one statement (≤ 100,000 characters, ≤ ~600 KB as escaped JSON). */
export const MAX_LINE_BYTES = 1 << 20;

export type FileLine =
  | { lineNumber: number; endOffset: number; text: string }
  | { lineNumber: number; endOffset: number; problem: string };

const NEWLINE = 0x0a;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeLine(bytes: Buffer, lineNumber: number, endOffset: number): FileLine {
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === 0x0d) end -= 1;
  try {
    return { lineNumber, endOffset, text: strictUtf8.decode(bytes.subarray(0, end)) };
  } catch {
    return { lineNumber, endOffset, problem: 'not valid UTF-8' };
  }
}

/**
 * Yields the lines from `startOffset` (a line start), numbered from `startLine`. A line over
 * `maxLineBytes` is skipped to its end and yielded as a problem, never held in memory whole.
 */
export function* readLines(
  path: string,
  options: { startOffset?: number; startLine?: number; maxLineBytes?: number; chunkBytes?: number } = {},
): Generator<FileLine> {
  const maxLineBytes = options.maxLineBytes ?? MAX_LINE_BYTES;
  const chunk = Buffer.allocUnsafe(options.chunkBytes ?? CHUNK_BYTES);
  const fd = openSync(path, 'r');
  let position = options.startOffset ?? 0;
  let lineNumber = (options.startLine ?? 1) - 1;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overlong = false;
  try {
    for (;;) {
      const read = readSync(fd, chunk, 0, chunk.length, position);
      if (read === 0) break;
      let from = 0;
      for (;;) {
        const nl = chunk.indexOf(NEWLINE, from);
        const until = nl === -1 || nl >= read ? read : nl;
        if (!overlong) {
          if (pendingBytes + (until - from) > maxLineBytes) {
            overlong = true;
            pending = [];
            pendingBytes = 0;
          } else {
            pending.push(Buffer.from(chunk.subarray(from, until)));
            pendingBytes += until - from;
          }
        }
        if (until === read) break;
        lineNumber += 1;
        const endOffset = position + nl + 1;
        yield overlong
          ? { lineNumber, endOffset, problem: `line is longer than ${maxLineBytes} bytes` }
          : decodeLine(pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending, pendingBytes), lineNumber, endOffset);
        pending = [];
        pendingBytes = 0;
        overlong = false;
        from = nl + 1;
      }
      position += read;
    }
    if (pendingBytes > 0 || overlong) {
      lineNumber += 1;
      yield overlong
        ? { lineNumber, endOffset: position, problem: `line is longer than ${maxLineBytes} bytes` }
        : decodeLine(Buffer.concat(pending, pendingBytes), lineNumber, position);
    }
  } finally {
    closeSync(fd);
  }
}
