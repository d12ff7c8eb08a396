import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLines } from '../../src/corpus/line-reader.ts';
import { tempDir } from '../helpers/store.ts';

function fileWith(content: string | Buffer): string {
  const path = join(tempDir('sd-lines-'), 'f.jsonl');
  writeFileSync(path, content);
  return path;
}

describe('readLines', () => {
  it('splits across chunk edges, strips CR, keeps a last line without newline, and gives exact offsets', () => {
    const content = 'first\r\nсекунда ї\n\nfourth line is longer than the chunk\nlast';
    const path = fileWith(content);
    for (const chunkBytes of [1, 3, 7, 64, 1 << 20]) {
      const lines = [...readLines(path, { chunkBytes })];
      expect(lines.map((l) => ('text' in l ? l.text : l.problem))).toEqual(['first', 'секунда ї', '', 'fourth line is longer than the chunk', 'last']);
      expect(lines.map((l) => l.lineNumber)).toEqual([1, 2, 3, 4, 5]);
      // The offset after each line is where the next one starts in the bytes.
      expect(lines.map((l) => l.endOffset)).toEqual([7, 25, 26, 63, 67]);
      expect(Buffer.from(content).subarray(63).toString()).toBe('last');
    }
  });

  it('resumes at an offset with the right line numbers', () => {
    const path = fileWith('a\nb\nc\nd\n');
    const lines = [...readLines(path, { startOffset: 4, startLine: 3, chunkBytes: 2 })];
    expect(lines).toEqual([
      { lineNumber: 3, endOffset: 6, text: 'c' },
      { lineNumber: 4, endOffset: 8, text: 'd' },
    ]);
  });

  it('reports an over-long line and invalid UTF-8 as problems and reads on', () => {
    const path = fileWith(Buffer.concat([Buffer.from(`ok\n${'x'.repeat(50)}\n`), Buffer.from([0xc3, 0x28, 0x0a]), Buffer.from('after\n')]));
    const lines = [...readLines(path, { maxLineBytes: 20, chunkBytes: 8 })];
    expect(lines.map((l) => ('text' in l ? l.text : l.problem))).toEqual(['ok', 'line is longer than 20 bytes', 'not valid UTF-8', 'after']);
  });
});
