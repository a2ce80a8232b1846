import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AbsenceKindSchema, parseConfig, type AbsenceKind } from '../domain/config.js';
import { parseRota } from '../domain/rota.js';
import { isValidDate } from '../domain/time.js';
import { replan } from '../planning/replan.js';
import { writeFeeds } from '../calendar/feed-files.js';
import { backendOption, cliArgs, CliError, loadConfig, readJson, runCli } from './load.js';

const USAGE = `usage: npm run replan -- --rota DIR/rota.json --from YYYY-MM-DD --absence PERSON:FROM:TO[:KIND] [--absence …]
                        [--today YYYY-MM-DD] [--fixture apmn | --config FILE] [--out DIR]
  KIND: ${AbsenceKindSchema.options.join(', ')} (default maladie)`;

runCli(async () => {
  const parsed = cliArgs(
    () =>
      parseArgs({
        options: {
          rota: { type: 'string' },
          from: { type: 'string' },
          absence: { type: 'string', multiple: true, default: [] },
          today: { type: 'string' },
          fixture: { type: 'string' },
          config: { type: 'string' },
          out: { type: 'string', default: 'out/replan' },
          backend: { type: 'string', default: 'highs' },
          help: { type: 'boolean' },
        },
      }),
    USAGE,
  );
  if (!parsed) return 0;
  const values = parsed.values;
  if (!values.rota) throw new CliError(`--rota: the published rota.json is required\n${USAGE}`);
  if (!values.from || !isValidDate(values.from)) throw new CliError(`--from: "${values.from ?? ''}" is not a date YYYY-MM-DD`);
  const today = values.today ?? new Date().toISOString().slice(0, 10);
  if (!isValidDate(today)) throw new CliError(`--today: "${today}" is not a date YYYY-MM-DD`);
  const base = loadConfig(values);
  const absences = values.absence!.map((spec, i) => {
    const [personId, from, to, kind = 'maladie'] = spec.split(':');
    if (!base.people.some((p) => p.id === personId)) throw new CliError(`--absence[${i}]: unknown person "${personId}"`);
    if (!isValidDate(from ?? '') || !isValidDate(to ?? '') || to < from) throw new CliError(`--absence[${i}]: "${spec}" needs FROM and TO dates, TO not before FROM`);
    if (!AbsenceKindSchema.safeParse(kind).success) throw new CliError(`--absence[${i}]: unknown kind "${kind}"`);
    return { personId, from, to, kind: kind as AbsenceKind };
  });
  const config = parseConfig({ ...base, absences: [...base.absences, ...absences] });
  const published = parseRota(readJson(values.rota, 'rota'));
  const result = await replan({ config, published, from: values.from, today, backend: backendOption(values.backend!) });
  const names = new Map(config.people.map((p) => [p.id, p.name]));
  console.log(`Replanning from ${values.from}: ${result.changes.length} change(s), ${result.check.hard} hard violation(s), ${result.seconds.toFixed(1)} s`);
  for (const c of result.changes)
    console.log(`  ${c.shortNotice ? '!' : ' '} ${c.date}  ${(names.get(c.personId) ?? c.personId).padEnd(18)} ${c.before ?? 'repos'} → ${c.after ?? 'repos / absent'}`);
  if (result.changes.some((c) => c.shortNotice)) console.log(`  ! moins de ${config.rules.noticeDays} jours de préavis : à convenir avec la personne`);
  mkdirSync(values.out!, { recursive: true });
  writeFileSync(join(values.out!, 'rota.json'), JSON.stringify(result.rota, null, 2) + '\n');
  writeFileSync(join(values.out!, 'changes.json'), JSON.stringify(result.changes, null, 2) + '\n');
  writeFeeds(config, result.rota, join(values.out!, 'ics'));
  console.log(`Written: ${join(values.out!, 'rota.json')}, ${join(values.out!, 'changes.json')}, feeds in ${join(values.out!, 'ics')}/`);
  return result.check.hard > 0 ? 1 : 0;
});
