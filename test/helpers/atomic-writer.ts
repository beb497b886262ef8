// Saves two alternating large images to one file forever, so a test can kill it mid-save.
// Usage: node --import tsx test/helpers/atomic-writer.ts <file>
import { writeFileAtomic } from '../../src/lib/atomic-file.ts';

const file = process.argv[2]!;
const a = new Uint8Array(8 * 1024 * 1024).fill(0x61);
const b = new Uint8Array(8 * 1024 * 1024).fill(0x62);
process.stdout.write('ready\n');
for (let i = 0; ; i++) writeFileAtomic(file, i % 2 ? b : a);
