import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

/** The terminal's size, following resizes (falls back to the given size when the output is not a terminal). */
export function useTerminalSize(fallback: { width: number; height: number }): { width: number; height: number } {
  const { stdout } = useStdout();
  const read = () => ({ width: stdout.columns || fallback.width, height: stdout.rows || fallback.height });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = (): void => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one listener for the app's life
  }, [stdout]);
  return size;
}
