/**
 * How long a test lets one synchronous run of the CLI or the build take before killing it. spawnSync blocks the test
 * runner's own timers, so without this a hung child would hold the whole suite until CI gives up; with it the test
 * fails at once, naming the command. Generous: the slowest run (an import on a loaded 2-core machine) takes seconds.
 */
export const CHILD_LIMIT_MS = 180_000;
