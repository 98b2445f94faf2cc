/**
 * The app as the previous release shipped it, for the upgrade test: the
 * source of PREVIOUS_RELEASE read from git (`git archive`, so no worktree
 * to clean up) and built with this checkout's node_modules. A commit's
 * source never changes, so the build is kept in test-results and reused.
 *
 * When a release bumps a synced collection's schema version again, point
 * PREVIOUS_RELEASE at the last commit before that bump.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildApp } from './buildApp';

/** The last commit with people at schema version 0 (version 1 added ageEstimatedOn). */
export const PREVIOUS_RELEASE = '1d922effa153b60a1e4610bb560d341a57637a15';
/** The build id the previous release shows (data-build). */
export const PREVIOUS_BUILD_ID = `release-${PREVIOUS_RELEASE.slice(0, 7)}`;

const BUILT_MARKER = '.built';

function git(args: string[], input?: Buffer): Buffer {
  return execFileSync('git', args, { maxBuffer: 512 * 1024 * 1024, ...(input ? { input } : {}) });
}

/** Builds (once) and returns the directory of the previous release's app. */
export async function buildPreviousRelease(): Promise<string> {
  const outDir = path.resolve(`test-results/app-build-${PREVIOUS_RELEASE.slice(0, 12)}`);
  if (existsSync(path.join(outDir, BUILT_MARKER))) return outDir;
  try {
    git(['cat-file', '-e', `${PREVIOUS_RELEASE}^{commit}`]);
  } catch {
    throw new Error(
      `The previous release ${PREVIOUS_RELEASE} is not in this clone (a shallow clone?); ` +
        'run `git fetch --unshallow` to test the upgrade from it',
    );
  }
  // Private directories per process, renamed into place: two runs at once never build into one another.
  const work = path.resolve(`test-results/previous-release-${process.pid}`);
  const srcDir = path.join(work, 'src');
  const builtDir = path.join(work, 'app');
  await rm(work, { recursive: true, force: true });
  await mkdir(srcDir, { recursive: true });
  try {
    execFileSync('tar', ['-x', '-C', srcDir], { input: git(['archive', '--format=tar', PREVIOUS_RELEASE]) });
    await symlink(path.resolve('node_modules'), path.join(srcDir, 'node_modules'), 'dir');
    await buildApp(builtDir, PREVIOUS_BUILD_ID, srcDir);
    await writeFile(path.join(builtDir, BUILT_MARKER), PREVIOUS_RELEASE);
    if (!existsSync(path.join(outDir, BUILT_MARKER))) await rm(outDir, { recursive: true, force: true });
    await rename(builtDir, outDir).catch(async (error: unknown) => {
      // Another run got there first with the same build.
      if (!existsSync(path.join(outDir, BUILT_MARKER))) throw error;
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return outDir;
}
