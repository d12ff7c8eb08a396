// better-sqlite3 12 is built for Node 20; on unsupported versions it can crash with a segfault
// instead of an error. Check first and say so plainly.

export const SUPPORTED_NODE = '>= 20.19 (20.x) or >= 22.12';

export function isSupportedNode(version: string): boolean {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  return (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major === 24;
}

export function assertSupportedNode(version: string = process.versions.node): void {
  if (!isSupportedNode(version)) {
    process.stderr.write(
      `Statement Digest needs Node.js ${SUPPORTED_NODE}; this is ${version}. Install a supported Node.js (see README).\n`,
    );
    process.exit(1);
  }
}
