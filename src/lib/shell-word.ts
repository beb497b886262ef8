/** A path as one word a POSIX shell reads back unchanged: as it is when plain, else single-quoted. Pure. */
export function shellWord(p: string): string {
  return /^[\w@%+=:,./~-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`;
}
