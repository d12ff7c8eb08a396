// A zod validation failure as one line for a reject or an error list: "path: message; path: message".
import type { z } from 'zod';

export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}
