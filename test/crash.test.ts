// The crash harness in short (issue #7): real anidex processes killed with SIGKILL at seeded random moments
// while importing, syncing accounts from fake servers and saving; after every kill the warehouse opens, passes integrity_check and the SCD2
// invariants, holds exactly a state before or after a commit, and the next run takes over the lock and
// finishes. `npm run crash-test` is the long form (200 kills). Needs the build (`npm test` builds first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCrashHarness, markdownSummary } from '../scripts/crash/harness.ts';

test(
  '12 seeded SIGKILLs across imports, account syncs, plan, match and restore leave a whole warehouse in a known state',
  { timeout: 180_000 },
  async () => {
    const report = await runCrashHarness({
      kills: 12,
      seed: 7,
      syntheticPlays: 3_000,
      syntheticTitles: 200,
      timingRuns: 0,
      ops: [
        'import-sample-zip',
        'import-mal',
        'import-synthetic-cold',
        'plan-add',
        'match',
        'snapshot-restore',
        'sync-anilist',
        'sync-mal',
      ],
    });
    const summary = markdownSummary(report);
    assert.equal(report.kills, 12, summary);
    assert.equal(report.integrityFailures, 0, summary);
    assert.equal(report.failures, 0, summary);
    assert.equal(report.landed.before + report.landed.between + report.landed.after, 12, summary);
  },
);
