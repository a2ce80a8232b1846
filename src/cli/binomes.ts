import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { apmnMesures } from '../../fixtures/mesures.js';
import { backendByName } from '../../solver/backends/index.js';
import { BinomesSchema, parseMesureSet, type Binomes } from '../domain/mesures.js';
import { ValidationError, zodIssues } from '../domain/config.js';
import { isValidDate } from '../domain/time.js';
import { proposeBinomes } from '../staffing/binomes.js';
import { binomesText } from '../staffing/staffing-text.js';
import { CliError, cliArgs, loadConfig, readJson, runCli } from './load.js';

const USAGE = `usage: npm run binomes -- [--mesures FILE.json] [--current FILE.json] [--on YYYY-MM-DD]
                         [--fixture apmn | --config FILE] [--out FILE.json]

Proposes the referents (binômes, or three) of every mesure open on the date: sector teams, the EJE for the youngest
children within her cap, caseloads in proportion to FTE, current binômes kept (every change printed with its reason).
--mesures: {"rules": {…}, "mesures": [{"id", "sector", "childrenAges", "siblings", "distanceKm", "start", "end"}]}
(default: the made-up caseload of fixtures/mesures.ts); --current: {"<mesure id>": ["<person id>", …]}.`;

runCli(async () => {
  const parsed = cliArgs(
    () =>
      parseArgs({
        options: {
          mesures: { type: 'string' },
          current: { type: 'string' },
          on: { type: 'string' },
          fixture: { type: 'string' },
          config: { type: 'string' },
          out: { type: 'string' },
          help: { type: 'boolean' },
        },
      }),
    USAGE,
  );
  if (!parsed) return 0;
  const v = parsed.values;
  const on = v.on ?? new Date().toISOString().slice(0, 10);
  if (!isValidDate(on)) throw new CliError(`--on: "${on}" is not a date YYYY-MM-DD`);
  const config = loadConfig(v);
  const set = parseMesureSet(v.mesures ? readJson(v.mesures, 'mesures') : apmnMesures);
  let current: Binomes = {};
  if (v.current) {
    const r = BinomesSchema.safeParse(readJson(v.current, 'current binômes'));
    if (!r.success) throw new ValidationError(zodIssues(r.error), 'current binômes');
    current = r.data;
  }
  const proposal = await proposeBinomes(config, set, current, on, backendByName('highs'));
  console.log(binomesText(proposal));
  if (v.out) {
    mkdirSync(dirname(v.out), { recursive: true });
    writeFileSync(v.out, JSON.stringify(proposal, null, 2) + '\n');
    console.log(`\nWritten: ${v.out} (its "referents" can be given back as --current)`);
  }
  return proposal.unfilled.length > 0 ? 1 : 0;
});
