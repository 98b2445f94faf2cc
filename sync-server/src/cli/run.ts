/** The little that the command-line tools share: usage, exit codes, paths as the operator typed them. */
import { resolve } from 'node:path';

/** npm runs scripts from the package root; a relative path means relative to where `npm run` was typed. */
export function cliPath(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

/** Runs `main` with the arguments; it returns false for a usage mistake. */
export function runCli(usage: string, main: (args: string[]) => Promise<boolean>): void {
  main(process.argv.slice(2)).then(
    (ok) => {
      if (!ok) {
        console.error(`usage: npm run ${usage}`);
        process.exitCode = 2;
      }
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
