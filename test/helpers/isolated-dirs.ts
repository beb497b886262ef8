/*
 * Loaded into every test file's process (`--import`): anidex keeps settings, caches and usage counts in the XDG
 * folders of the home directory, so each test file gets folders of its own under the temp dir (and the id mapping's
 * URL points at a closed port). Nothing a test
 * runs -- in process or as a child anidex, which inherits the environment -- touches the real home, and test files
 * running side by side never share a demo build, a view cache or a Gemini request count.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Only in a test file's own process: the runner that starts them has nothing to isolate.
if (process.env.NODE_TEST_CONTEXT) {
  const root = mkdtempSync(join(tmpdir(), 'anidex-xdg-'));
  process.env.XDG_CONFIG_HOME = join(root, 'config');
  process.env.XDG_CACHE_HOME = join(root, 'cache');
  process.env.XDG_STATE_HOME = join(root, 'state');
  process.env.XDG_DATA_HOME = join(root, 'data');
  delete process.env.ANIDEX_DATA_DIR;
  // The id mapping is downloaded on first need: never from the internet in a test (tests that want one start a fake).
  process.env.ANIDEX_MAPPING_URL = 'http://127.0.0.1:9/anime-list-full.json';
  process.on('exit', () => rmSync(root, { recursive: true, force: true }));
}
