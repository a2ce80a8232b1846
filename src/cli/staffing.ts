import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { minimumStaffing } from '../../solver/staffing.js';
import { availableParallelism } from 'node:os';
import { defaultScenarios } from '../staffing/scenarios.js';
import { runScenarios } from '../staffing/run-scenarios.js';
import { scenariosText, staffingText } from '../staffing/staffing-text.js';
import { CliError, backendOption, cliArgs, loadConfigInput, progressLine, runCli, secondsOption } from './load.js';
import { parseConfig } from '../domain/config.js';

const USAGE = `usage: npm run staffing -- --year YYYY [--fixture apmn | --config FILE] [--window-seconds N]
                          [--scenario-seconds N] [--no-scenarios] [--out FILE.json] [--backend highs|javascript-lp-solver]

Computes the least FTE of rota workers that holds the permanence, the Saturday doublure and the working-time rules
over the year (with its lower bound and gap), then plans the year for each scenario (−1 worker, the team as it is,
+0.5 FTE, +1 FTE) and prints uncovered hours, evenings and weekends per FTE.`;

runCli(async () => {
  const parsed = cliArgs(
    () =>
      parseArgs({
        options: {
          year: { type: 'string' },
          fixture: { type: 'string' },
          config: { type: 'string' },
          backend: { type: 'string', default: 'highs' },
          'window-seconds': { type: 'string', default: '20' },
          'scenario-seconds': { type: 'string', default: '8' },
          'no-scenarios': { type: 'boolean' },
          out: { type: 'string' },
          help: { type: 'boolean' },
        },
      }),
    USAGE,
  );
  if (!parsed) return 0;
  const v = parsed.values;
  const year = v.year ?? '2027';
  if (!/^20\d\d$/.test(year)) throw new CliError(`--year: "${year}" is not a year (2000–2099)`);
  const windowSeconds = secondsOption('window-seconds', v['window-seconds']);
  const scenarioSeconds = secondsOption('scenario-seconds', v['scenario-seconds']);
  const backend = backendOption(v.backend!);
  const input = loadConfigInput(v);
  const config = parseConfig(input);
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const { show: progress, end } = progressLine();
  const pool = config.people.filter((p) => p.onRota).map((p) => p.id);
  if (pool.length === 0) throw new CliError('the configuration has nobody on the permanence rota');
  const staffing = await minimumStaffing({
    config,
    from,
    to,
    pool,
    backend,
    windowSeconds,
    onProgress: (e) => progress(`effectif minimum : ${e.pass === 'bound' ? 'borne (année relâchée)' : `plan ${e.window}/${e.windows} ${e.from}`}…`),
  });
  end();
  console.log(staffingText(config, staffing, backend.name));
  const scenarios = [];
  if (!v['no-scenarios']) {
    progress(`scénarios : planification de l'année, ${Math.min(2, availableParallelism())} à la fois…`);
    scenarios.push(
      ...(await runScenarios(input, defaultScenarios(config), { from, to, backend: backend.name, windowSeconds: scenarioSeconds, coverageSeconds: windowSeconds, onDone: (n, total) => progress(`scénarios : ${n}/${total} planifiés…`) })),
    );
    end();
    console.log(`\nScénarios (année ${year} : non-couverture minimale prouvée ; soirées et week-ends du planning complet, ${scenarioSeconds} s par mois) :\n`);
    console.log(scenariosText(scenarios));
  }
  if (v.out) {
    mkdirSync(dirname(v.out), { recursive: true });
    writeFileSync(v.out, JSON.stringify({ year, staffing, scenarios }, null, 2) + '\n');
    console.log(`\nWritten: ${v.out}`);
  }
  return 0;
});
