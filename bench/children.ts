import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Runs a bench script in a fresh Node process (with tsx, as npm start does) and parses its last JSON line. */
export function runChild<T>(script: string, args: string[] = []): Promise<{ value: T; wallMs: number }> {
  const path = fileURLToPath(new URL(script, import.meta.url));
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path, ...args],
      { cwd: fileURLToPath(new URL('..', import.meta.url)), maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        const wallMs = performance.now() - started;
        if (error) return reject(new Error(`${script} failed: ${stderr || error.message}`));
        const last = stdout.trim().split('\n').at(-1) ?? '';
        try {
          resolve({ value: JSON.parse(last) as T, wallMs });
        } catch {
          reject(new Error(`${script} printed no JSON: ${stdout}${stderr}`));
        }
      },
    );
  });
}
