import { $, api, status, signIn, monthRange, hm, esc, DAYS } from './common.js';
import { startStaffingPanel } from './staffing.js';

let planning = null;
let people = [];
let calendar = [];
let editing = null;

const code = (list) => {
  if (list.some((a) => a.kind === 'conge')) return { text: 'C', kind: 'conge' };
  const main = list.find((a) => a.kind !== 'reunion') ?? list[0];
  if (!main) return { text: '', kind: '' };
  if (main.kind === 'permanence') return /soir/.test(main.templateId ?? '') ? { text: 'S', kind: 'soir' } : { text: 'M', kind: 'permanence' };
  if (main.kind === 'doublure') return { text: 'D', kind: 'doublure' };
  if (main.kind === 'journee') return { text: 'J', kind: 'journee' };
  return { text: 'R', kind: 'reunion' };
};

async function load() {
  const { from, to } = monthRange($('month').value);
  calendar = await api('GET', `/api/calendar?from=${from}&to=${to}`);
  const list = await api('GET', '/api/plannings');
  const match = list.filter((p) => p.from <= from && p.to >= to).at(-1);
  planning = match ? await api('GET', `/api/plannings/${match.id}?month=${$('month').value}`) : null;
  render();
}

function render() {
  if (!planning?.rota) {
    $('grid').innerHTML = '<p>Aucun planning pour ce mois : « Générer » le calcule.</p>';
    $('report').innerHTML = '';
    return;
  }
  const rota = planning.rota;
  const monthName = new Date(`${$('month').value}-15T12:00:00Z`).toLocaleDateString('fr-FR', { month: 'long', year: 'numeric' });
  $('print-title').textContent = `APMN – planning de ${monthName}${planning.publishedVersion ? ` (version ${planning.publishedVersion})` : ' (brouillon)'}`;
  const byCell = new Map();
  for (const a of rota.assignments) byCell.set(`${a.personId}|${a.date}`, [...(byCell.get(`${a.personId}|${a.date}`) ?? []), a]);
  const cls = (d) => (d.holiday ? 'ferie' : d.weekday >= 6 ? 'we' : '');
  let html = '<table class="grid"><thead><tr><th class="person">Personne</th>';
  for (const d of calendar) html += `<th class="${cls(d)}" title="${esc(d.holiday ?? '')}">${DAYS[d.weekday]}<br>${Number(d.date.slice(8))}</th>`;
  html += '</tr></thead><tbody>';
  for (const p of people) {
    html += `<tr><th class="person">${esc(p.name)}</th>`;
    for (const d of calendar) {
      const list = byCell.get(`${p.id}|${d.date}`) ?? [];
      const c = code(list);
      const title = list.map((a) => `${a.label} ${hm(a.start)}–${hm(a.end)}`).join('\n');
      const edited = list.some((a) => a.edited);
      const locked = list.some((a) => a.locked);
      html += `<td class="cell ${c.kind ? `k-${c.kind}` : cls(d)} ${edited ? 'edited' : ''}" data-person="${p.id}" data-date="${d.date}" title="${esc(title)}">${c.text}${edited ? '✎' : ''}${locked ? '•' : ''}</td>`;
    }
    html += '</tr>';
  }
  html += '<tr><th class="person">Astreinte</th>';
  for (const d of calendar) {
    const t = rota.astreinte.find((x) => x.start.slice(0, 10) <= d.date && d.date < x.end.slice(0, 10));
    const name = t ? (rota.people.find((p) => p.id === t.cadreId)?.name ?? t.cadreId) : '';
    html += `<td title="${esc(name)}">${esc(name.split(' ').map((w) => w[0]).join(''))}</td>`;
  }
  html += '</tr><tr><th class="person">Réunions</th>';
  for (const d of calendar) {
    const m = rota.meetings.filter((x) => x.date === d.date);
    html += `<td title="${esc(m.map((x) => `${x.label} ${hm(x.start)}–${hm(x.end)}`).join('\n'))}">${m.length ? 'R' : ''}</td>`;
  }
  html += '</tr><tr><th class="person">Trous</th>';
  for (const d of calendar) {
    const gaps = rota.gaps.filter((g) => g.date === d.date && g.kind !== 'astreinte');
    const names = new Map(rota.people.map((p) => [p.id, p.name]));
    const why = gaps.map((g) => `${g.kind} ${hm(g.start)}–${hm(g.end)}\n${g.reasons.map((r) => `${names.get(r.personId)} : ${r.reason}`).join('\n')}`).join('\n\n');
    html += gaps.length ? `<td class="gap" title="${esc(why)}" data-gap="${d.date}">!</td>` : '<td></td>';
  }
  html += '</tr></tbody></table>';
  $('grid').innerHTML = html;
  for (const td of document.querySelectorAll('td.cell')) td.onclick = () => openEditor(td.dataset.person, td.dataset.date);
  for (const td of document.querySelectorAll('td.gap')) td.onclick = () => status(td.title);
  renderReport();
  status(`Version ${planning.version}${planning.publishedVersion ? `, publiée : version ${planning.publishedVersion}` : ', brouillon non publié'} – ${planning.report?.violations?.hard ?? 0} violation(s) de règles impératives`);
}

function renderReport() {
  const r = planning.report;
  if (!r?.people) return;
  const h = (m, sign = false) => `${m < 0 ? '−' : sign && m > 0 ? '+' : ''}${Math.floor(Math.abs(m) / 60)} h ${String(Math.abs(m) % 60).padStart(2, '0')}`;
  let html = '<h2>Heures et équité</h2><table class="report"><tr><th>Personne</th><th>ETP</th><th>Travaillé</th><th>Dû</th><th>Solde</th><th>Week-ends</th><th>Dimanches</th><th>Soirées</th><th>Doublures</th><th>Fériés</th><th>Réunions</th></tr>';
  for (const p of r.people)
    html += `<tr><td>${esc(p.name)}</td><td>${p.fte}</td><td>${h(p.workedMinutes)}</td><td>${h(p.targetMinutes)}</td><td>${h(p.balanceMinutes, true)}</td><td>${p.weekends}</td><td>${p.sundays}</td><td>${p.evenings}</td><td>${p.doublures}</td><td>${p.holidays}</td><td>${p.meetingsAttended}/${p.meetingsAttended + p.meetingsMissed}</td></tr>`;
  html += `</table><p>Couverture : ${h(r.coverage.coveredMinutes)} sur ${h(r.coverage.openingMinutes)} d’ouverture, relais ${h(r.coverage.relayMinutes)}, trous ${h(r.coverage.gapMinutes)}.</p>`;
  $('report').innerHTML = html;
}

async function openEditor(personId, date) {
  editing = { personId, date };
  const p = people.find((x) => x.id === personId);
  $('editor-title').textContent = `${p.name} – ${date}`;
  const choices = await api('GET', `/api/choices?personId=${personId}&date=${date}`);
  const current = planning.rota.assignments.find((a) => a.personId === personId && a.date === date && a.kind !== 'conge')?.templateId ?? '';
  $('editor-choice').innerHTML = `<option value="">Repos</option>` + choices.map((c) => `<option value="${esc(c.id)}" ${c.id === current ? 'selected' : ''}>${esc(c.label)}</option>`).join('');
  $('editor-lock').checked = planning.rota.assignments.some((a) => a.personId === personId && a.date === date && a.locked);
  $('editor-result').textContent = '';
  $('editor').classList.add('open');
}

async function saveEdit() {
  const { personId, date } = editing;
  try {
    const templateId = $('editor-choice').value || null;
    const r = await api('PUT', `/api/plannings/${planning.id}/day`, { baseVersion: planning.version, personId, date, templateId });
    const lockWanted = $('editor-lock').checked;
    if (templateId && lockWanted) await api('POST', `/api/plannings/${planning.id}/lock`, { baseVersion: r.version, personId, date, locked: true });
    await load();
    // The answer shows once the grid holds the edit, so what the cheffe reads matches what she sees.
    $('editor-result').innerHTML = r.violations.length
      ? `<div class="alert" role="alert">${r.violations.map((v) => `⚠ ${esc(v.rule)} – ${esc(v.date ?? '')} : ${esc(v.message)}`).join('<br>')}</div>`
      : '<div class="ok">✓ Aucune règle impérative enfreinte</div>';
  } catch (e) {
    $('editor-result').innerHTML = `<div class="alert" role="alert">${esc(e.message)}</div>`;
  }
}

async function generate() {
  const { from, to } = monthRange($('month').value);
  try {
    const job = await api('POST', '/api/plannings', { from, to });
    for (;;) {
      const j = await api('GET', `/api/jobs/${job.jobId}`);
      if (j.status !== 'running') {
        if (j.status !== 'done') throw new Error(`calcul ${j.status} : ${j.error ?? ''}`);
        break;
      }
      status(`Calcul en cours… ${j.progress ? `mois ${j.progress.window}/${j.progress.windows}` : ''}`);
      await new Promise((r) => setTimeout(r, 700));
    }
    await load();
  } catch (e) {
    status(e.message, true);
  }
}

async function publish() {
  try {
    const r = await api('POST', `/api/plannings/${planning.id}/publish`, { baseVersion: planning.version });
    await load();
    status(`Publié : version ${r.version}. Les agendas abonnés la recevront à leur prochaine mise à jour.`);
  } catch (e) {
    status(e.message, true);
  }
}

async function replanSubmit(ev) {
  ev.preventDefault();
  try {
    const absence = { personId: $('replan-person').value, from: $('replan-from').value, to: $('replan-to').value, kind: $('replan-kind').value };
    const r = await api('POST', `/api/plannings/${planning.id}/replan`, { baseVersion: planning.version, from: absence.from, absences: [absence] });
    const names = new Map(people.map((p) => [p.id, p.name]));
    $('replan-result').innerHTML = `<p>${r.changes.length} changement(s) proposé(s) — « Publier » pour les accepter :</p><ul>${r.changes
      .map((c) => `<li>${c.shortNotice ? '⚠ ' : ''}${esc(c.date)} ${esc(names.get(c.personId) ?? c.personId)} : ${esc(c.before ?? 'repos')} → ${esc(c.after ?? 'repos / absent')}</li>`)
      .join('')}</ul>`;
    await load();
  } catch (e) {
    $('replan-result').innerHTML = `<div class="alert" role="alert">${esc(e.message)}</div>`;
  }
}

signIn(async (me) => {
  if (!me.manager) {
    location.href = '/moi';
    return;
  }
  people = (await api('GET', '/api/people')).filter((p) => p.role !== 'cadre');
  $('replan-person').innerHTML = people.map((p) => `<option value="${p.id}">${esc(p.name)}</option>`).join('');
  $('month').onchange = load;
  $('generate').onclick = generate;
  $('publish').onclick = publish;
  $('print').onclick = () => window.print();
  $('editor-save').onclick = saveEdit;
  $('editor-close').onclick = () => $('editor').classList.remove('open');
  $('replan-form').onsubmit = replanSubmit;
  await load();
  await startStaffingPanel(people);
});
