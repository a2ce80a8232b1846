import { readFileSync } from 'node:fs';
import { apmnConfigInput } from '../../fixtures/apmn.js';
import { backendByName } from '../../solver/backends/index.js';
import type { MilpBackend } from '../../solver/backend.js';
import { parseConfig, ValidationError, type Config, type ConfigInput } from '../domain/config.js';

export class CliError extends Error {}

export function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${what} file "${file}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError(`${what} file "${file}" is not valid JSON: ${(e as Error).message}`);
  }
}

export const FIXTURES: Record<string, ConfigInput> = { apmn: apmnConfigInput };

/** The configuration as written (scenarios edit it before it is parsed); validated here all the same. */
export function loadConfigInput(opts: { fixture?: string; config?: string }): ConfigInput {
  if (opts.config) {
    const input = readJson(opts.config, 'configuration');
    parseConfig(input);
    return input as ConfigInput;
  }
  const name = opts.fixture ?? 'apmn';
  const f = FIXTURES[name];
  if (!f) throw new CliError(`--fixture: unknown fixture "${name}" (known: ${Object.keys(FIXTURES).join(', ')})`);
  return f;
}

export function loadConfig(opts: { fixture?: string; config?: string }): Config {
  return parseConfig(loadConfigInput(opts));
}

/** The --backend option, or a usage error naming it. */
export function backendOption(name: string): MilpBackend {
  try {
    return backendByName(name);
  } catch (e) {
    throw new CliError(`--backend: ${(e as Error).message}`);
  }
}

/** A --…-seconds option: a positive number, or a usage error naming it. */
export function secondsOption(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new CliError(`--${flag}: must be a positive number`);
  return n;
}

/** A progress line on stderr: rewritten in place on a terminal, one line each otherwise; `end` closes it. */
export function progressLine(): { show: (s: string) => void; end: () => void } {
  const tty = process.stderr.isTTY;
  return { show: (s) => process.stderr.write(tty ? `\r${s.padEnd(78)}` : `${s}\n`), end: () => tty && process.stderr.write('\n') };
}

/** Runs a CLI main: clear message and exit 2 on bad input, never a stack trace for a user error. */
export function runCli(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (e) => {
      if (e instanceof CliError || e instanceof ValidationError) {
        console.error(`error: ${e.message}`);
        process.exit(2);
      }
      console.error(e);
      process.exit(3);
    },
  );
}

/** Parses the arguments, turning a parse error into a usage error; null when --help was asked (usage printed). */
export function cliArgs<T extends { values: { help?: boolean | undefined } }>(parse: () => T, usage: string): T | null {
  let parsed: T;
  try {
    parsed = parse();
  } catch (e) {
    throw new CliError(`${(e as Error).message}\n${usage}`);
  }
  if (parsed.values.help) {
    console.log(usage);
    return null;
  }
  return parsed;
}
