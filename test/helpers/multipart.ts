// Reads a multipart/form-data body as grammY sends it (sendDocument): text fields, and files as
// their bytes with the file name, keyed by the part name ('attach://<name>' points at them).

export interface MultipartFile {
  filename: string;
  data: Buffer;
}

export function parseMultipart(body: Buffer, contentType: string): { fields: Record<string, string>; files: Record<string, MultipartFile> } {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const marker = Buffer.from(`--${boundary?.[1] ?? boundary?.[2] ?? ''}`);
  const fields: Record<string, string> = {};
  const files: Record<string, MultipartFile> = {};
  let at = body.indexOf(marker);
  while (at !== -1) {
    const start = at + marker.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(marker, start);
    if (next === -1) break;
    // Each part: CRLF, headers, CRLF CRLF, data, CRLF before the next marker.
    const part = body.subarray(start + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, split).toString('utf8');
    const data = part.subarray(split + 4);
    const name = /name="([^"]*)"/i.exec(headers)?.[1] ?? '';
    const filename = /filename="?([^";\r\n]*)"?/i.exec(headers)?.[1];
    if (filename !== undefined) files[name] = { filename, data: Buffer.from(data) };
    else fields[name] = data.toString('utf8');
    at = next;
  }
  return { fields, files };
}
