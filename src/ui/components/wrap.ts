import { sanitizeText } from '../../domain/sanitize.ts';
import { displayWidth } from '../../domain/text-width.ts';
import type { FrameLine } from './frame.tsx';

/** Wrap untrusted text at spaces to `width` cells, sanitised, keeping its line breaks; `indent` starts each line. */
export function wrapText(text: string, width: number, indent = '', tone?: FrameLine['tone']): FrameLine[] {
  const out: FrameLine[] = [];
  const room = Math.max(8, width - displayWidth(indent));
  for (const para of text.split('\n')) {
    // Keep a paragraph's own leading spaces (the summaries indent their detail lines).
    const lead = /^ */.exec(para)![0];
    let line = '';
    for (const word of sanitizeText(para.slice(lead.length)).split(' ')) {
      if (line && displayWidth(lead + line) + 1 + displayWidth(word) > room) {
        out.push({ text: indent + lead + line, tone });
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push({ text: indent + lead + line, tone });
  }
  return out;
}
