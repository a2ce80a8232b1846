import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isValidDate } from '../domain/time.js';
import { planPeriod } from '../planning/plan.js';
import { reportText } from '../planning/report-text.js';
import { writeFeeds } from '../calendar/feed-files.js';
import { CliError, backendOption, cliArgs, loadConfig, progressLine, runCli, secondsOption } from './load.js';

const USAGE = `usage: npm run plan -- --from YYYY-MM-DD --to YYYY-MM-DD [--fixture apmn | --config FILE] [--out DIR]
                      [--backend highs|javascript-lp-solver] [--seconds N] [--window-seconds N] [--strategy lns|guided|direct]
  --seconds          solve time for the whole period (default beyond two months: 52, and 4.3 a month beyond a year)
  --window-seconds   time limit of each month (default 30)
  --strategy         lns (default beyond two months): a search in the shared time; guided (default up to two
                     months): each month proven optimal; direct: the plain MILP`;

runCli(async () => {
  const parsed = cliArgs(
    () =>
      parseArgs({
        options: {
          from: { type: 'string' },
          to: { type: 'string' },
          fixture: { type: 'string' },
          config: { type: 'string' },
          out: { type: 'string', default: 'out' },
          backend: { type: 'string', default: 'highs' },
          'window-seconds': { type: 'string', default: '30' },
          seconds: { type: 'string' },
          strategy: { type: 'string' },
          help: { type: 'boolean' },
        },
      }),
    USAGE,
  );
  if (!parsed) return 0;
  const values = parsed.values;
  const from = values.from ?? '2027-01-01';
  const to = values.to ?? '2027-12-31';
  if (!isValidDate(from)) throw new CliError(`--from: "${from}" is not a date YYYY-MM-DD`);
  if (!isValidDate(to)) throw new CliError(`--to: "${to}" is not a date YYYY-MM-DD`);
  if (to < from) throw new CliError(`--to: ${to} is before --from ${from}`);
  const windowSeconds = secondsOption('window-seconds', values['window-seconds']);
  const backend = backendOption(values.backend!);
  const strategy = values.strategy;
  if (strategy !== undefined && strategy !== 'guided' && strategy !== 'direct' && strategy !== 'lns') throw new CliError(`--strategy: "${strategy}" is not lns, guided or direct`);
  const seconds = values.seconds === undefined ? undefined : secondsOption('seconds', values.seconds);
  const config = loadConfig(values);
  const { show: progress, end } = progressLine();
  progress(`Planning ${from} → ${to} (${backend.name})…`);
  const result = await planPeriod({
    config,
    from,
    to,
    backend,
    windowSeconds,
    seconds,
    strategy,
    onProgress: (e) => progress(`[${e.window}/${e.windows}] ${e.from} → ${e.to}: ${e.status}, écart ${(e.gap * 100).toFixed(2)} %, ${e.seconds.toFixed(1)} s`),
  });
  end();
  const out = values.out!;
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'rota.json'), JSON.stringify({ ...result.rota, report: result.report }, null, 2) + '\n');
  writeFileSync(join(out, 'report.txt'), reportText(config, result.rota, result.report, result.check.violations, true) + '\n');
  const feeds = writeFeeds(config, result.rota, join(out, 'ics'));
  console.log(reportText(config, result.rota, result.report, result.check.violations, false));
  console.log(`\nWritten: ${join(out, 'rota.json')}, ${join(out, 'report.txt')}, ${feeds} feeds in ${join(out, 'ics')}/`);
  return result.check.hard > 0 ? 1 : 0;
});
