import { useRef, useState } from 'react';
import { sanitizeText } from '../../lib/sanitize.ts';
import { truncate } from '../../lib/text/cells.ts';
import { Screen, type FrameLine, type ScreenBase } from '../components/screen.tsx';
import { wrapText } from '../components/wrap.ts';
import type { InkKey } from '../keys/bindings.ts';
import { useCommand } from '../keys/use-command.ts';
import { useServices } from '../services.ts';

export interface ImportPathProps extends ScreenBase {
  onImport: (path: string) => void;
  onBack: () => void;
  active: boolean;
}

/** The path of the person's export: typed with Tab completion (folders and .zip files), checked before importing. */
export function ImportPathScreen({ width, height, theme, onImport, onBack, active }: ImportPathProps) {
  const services = useServices();
  const [typed, setTyped] = useState('');
  const [options, setOptions] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  // Completion answers arrive later than keys; the ref holds what is typed now so a late answer never wins.
  const typedRef = useRef('');
  const set = (t: string): void => {
    typedRef.current = t;
    setTyped(t);
  };
  const raw = (input: string, key: InkKey): boolean => {
    if (checking) return true;
    if (key.escape) onBack();
    else if (key.tab) {
      const asked = typedRef.current;
      void services.completeExportPath(asked).then((c) => {
        if (typedRef.current !== asked) return;
        set(c.completed);
        setOptions(c.options.length > 1 ? c.options : []);
        setProblem(
          c.options.length === 0 ? 'Nothing here to complete: only folders and .zip files are offered.' : null,
        );
      });
    } else if (key.return) {
      const path = typedRef.current;
      setChecking(true);
      void services.checkExportPath(path).then((p) => {
        setChecking(false);
        if (p === null) onImport(path);
        else setProblem(p);
      });
    } else if (key.backspace || key.delete) set(typedRef.current.slice(0, -1));
    else if (input && !key.ctrl && !key.meta) set(typedRef.current + input.replace(/[\r\n]/g, ''));
    else return false;
    return true;
  };
  useCommand(() => {}, { active, raw });
  const body: FrameLine[] = [
    { text: '' },
    ...wrapText(
      'The path of your export: the .zip Trakt sent you (or the folder you unpacked it into), or the animelist_….xml.gz MyAnimeList sent you (.xml.gz or .xml).',
      width,
      '  ',
    ),
    ...wrapText('~ is your home folder. Tab completes; Enter checks the path and imports.', width, '  '),
    { text: '' },
    // A path longer than the row shows its end, where the typing and the completion happen.
    { text: `  > ${truncate(sanitizeText(typed), width - 5, 'start')}▏`, bold: true },
    { text: '' },
  ];
  if (checking) body.push({ text: '  Checking…', tone: 'muted' });
  if (problem) body.push(...wrapText(problem, width, '  ', 'error'));
  if (options.length) {
    body.push({ text: '  Candidates:', tone: 'muted' });
    for (const o of options.slice(0, Math.max(1, height - 14))) body.push({ text: `    ${o}`, tone: 'muted' });
    if (options.length > height - 14)
      body.push({ text: `    … ${options.length - (height - 14)} more`, tone: 'muted' });
  }
  return (
    <Screen
      title="anidex · Import my export"
      body={body}
      footer="Tab complete · Enter import · Backspace delete · Esc back"
      width={width}
      height={height}
      theme={theme}
    />
  );
}
