import { parseArgs } from 'node:util';
import { parseRota } from '../domain/rota.js';
import { checkRota, ruleLabel } from '../rules/index.js';
import { CliError, cliArgs, loadConfig, readJson, runCli } from './load.js';
import { formatViolations } from '../planning/report.js';

const USAGE = 'usage: npm run check -- ROTA.json [--fixture apmn | --config CONFIG.json]';

runCli(async () => {
  const parsed = cliArgs(() => parseArgs({ options: { fixture: { type: 'string' }, config: { type: 'string' }, help: { type: 'boolean' } }, allowPositionals: true }), USAGE);
  if (!parsed) return 0;
  const file = parsed.positionals[0];
  if (!file) throw new CliError(`missing the rota file\n${USAGE}`);
  const config = loadConfig(parsed.values);
  const rota = parseRota(readJson(file, 'rota'));
  const result = checkRota(config, rota);
  console.log(formatViolations(result.violations, config, ruleLabel));
  console.log(`\n${result.hard} violation(s) of hard rules, ${result.soft} warning(s).`);
  return result.hard > 0 ? 1 : 0;
});
