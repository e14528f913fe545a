import { execFileSync } from 'node:child_process';

/** Which code was measured: the commit, and whether src/, adapters/ or knowledge/ had uncommitted changes. */
export function describeRevision(): { commit: string; uncommittedChanges: boolean } {
  const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
  try {
    return {
      commit: git('rev-parse', '--short', 'HEAD'),
      uncommittedChanges:
        git('status', '--porcelain', '--', 'src', 'adapters', 'knowledge', 'package.json') !== '',
    };
  } catch {
    return { commit: 'unknown', uncommittedChanges: false };
  }
}
