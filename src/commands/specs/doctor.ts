import { defineCommand } from '../spec.ts';

export const doctorSpec = defineCommand({
  name: 'doctor',
  summary:
    'check Node, the folders, the warehouse, the lock, snapshots, the provider, Gemini and each connected account; exit 1 when one is wrong',
  description:
    'The warehouse check covers its integrity, its schema and one current row per title. The Gemini key is never shown. Each connected account is asked over the network whether it still answers; no client id, secret or token is shown.',
  json: 'the checks as a JSON array',
  examples: ['anidex doctor'],
  load: () => import('../doctor.ts'),
});
