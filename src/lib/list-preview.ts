/** Long lists in messages: the first few names, then how many more and where to see them all. Pure. */

/** How many names a message shows before "… and N more". */
export const PREVIEW_COUNT = 10;

/**
 * `names` joined with ", ", cut after PREVIEW_COUNT with "… and N more" and the command that lists them all
 * (a message listing 1 367 titles on one line helps no one).
 */
export function previewList(names: readonly string[], listAll: string, max = PREVIEW_COUNT): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')}, … and ${names.length - max} more (${listAll} lists them all)`;
}
