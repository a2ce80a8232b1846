// The cheffe's panel for staffing what-ifs (saved runs side by side) and the binômes of the mesures.
import { $, api, esc } from './common.js';

const fr = (x, d = 1) => Number(x).toFixed(d).replace('.', ',');
let people = new Map();
let proposal = null;

function runsTable(runs) {
  const done = runs.filter((r) => r.result);
  if (done.length === 0) return '<p>Aucun calcul enregistré : « Calculer » lance le calcul de l’effectif minimum et des scénarios (quelques minutes pour une année).</p>';
  let html = '<table class="report" id="staffing-table"><thead><tr><th>calcul</th><th>scénario</th><th>ETP rota</th><th>h non couvertes</th><th>doublures manquantes</th><th>soirées/ETP (max)</th><th>week-ends/ETP (max)</th></tr></thead><tbody>';
  for (const run of done.slice(-3).reverse()) {
    const m = run.result.minimum;
    const period = `${run.params.from} → ${run.params.to}`;
    html += `<tr><td>${esc(period)}</td><td><strong>effectif minimum</strong> (borne ${fr(m.lowerBound, 2)}, écart ${fr(m.gap * 100)} %)</td><td>${fr(m.minFte, 2)}</td><td>${fr(m.uncoveredMinutes / 60)}</td><td>${m.missingDoublures}</td><td></td><td></td></tr>`;
    for (const s of run.result.scenarios)
      html += `<tr><td></td><td>${esc(s.label)}</td><td>${fr(s.rotaFte)}</td><td>${fr(s.uncoveredHours)}</td><td>${s.doublureGaps}</td><td>${fr(s.eveningsPerFte.mean)} (${fr(s.eveningsPerFte.max)})</td><td>${fr(s.weekendsPerFte.mean)} (${fr(s.weekendsPerFte.max)})</td></tr>`;
  }
  return html + '</tbody></table>';
}

function binomesView(set, pending) {
  const p = set.proposal;
  const name = (id) => esc(people.get(id) ?? id);
  let html = `<p>${pending ? 'Proposition' : 'Binômes confirmés'} au ${esc(p.on)} : ${p.capacity.active} mesures actives sur ${p.capacity.authorised} autorisées (${fr(p.capacity.percent)} %).</p>`;
  html += '<table class="report" id="caseload"><thead><tr><th>référent</th><th>équipe</th><th>ETP</th><th>mesures</th><th>part équitable</th></tr></thead><tbody>';
  for (const c of p.caseload) html += `<tr><td>${name(c.personId)}</td><td>${esc(c.team)}</td><td>${fr(c.fte, 2)}</td><td>${c.mesures}</td><td>${c.role === 'eje' ? `plafond ${c.fairShare}` : fr(c.fairShare)}</td></tr>`;
  html += '</tbody></table>';
  const changes = p.changes.filter((c) => c.reason !== 'nouvelle mesure');
  const added = p.changes.length - changes.length;
  html += `<p>${added} référent(s) pour de nouvelles mesures ; ${changes.length} changement(s) de binômes existants.</p><ul>`;
  for (const c of changes) html += `<li>${esc(c.mesureId)} : ${c.change === 'ajout' ? 'ajout' : 'retrait'} de ${name(c.personId)} — ${esc(c.reason)}</li>`;
  for (const u of p.unfilled) html += `<li class="alert">${esc(u.mesureId)} : ${u.missing} place(s) non pourvue(s) — ${esc(u.reason)}</li>`;
  html += '</ul>';
  if (pending) html += `<button id="binomes-confirm">Confirmer en réunion d’équipe</button>`;
  return html;
}

async function refresh() {
  $('staffing-runs').innerHTML = runsTable(await api('GET', '/api/staffing'));
  const b = await api('GET', '/api/binomes');
  if (!proposal) $('binomes-result').innerHTML = b.current ? binomesView(b.current, false) : '<p>Aucun binôme confirmé : « Proposer » calcule une proposition.</p>';
}

async function runStaffing() {
  const out = $('staffing-status');
  try {
    const job = await api('POST', '/api/staffing', { year: Number($('staffing-year').value) });
    for (;;) {
      const j = await api('GET', `/api/jobs/${job.jobId}`);
      if (j.status !== 'running') {
        if (j.status !== 'done') throw new Error(`calcul ${j.status} : ${j.error ?? ''}`);
        break;
      }
      out.textContent = `Calcul en cours… ${j.progress ? `étape ${j.progress.step}/${j.progress.steps} : ${j.progress.what}` : ''}`;
      await new Promise((r) => setTimeout(r, 1500));
    }
    out.textContent = '';
    await refresh();
  } catch (e) {
    out.innerHTML = `<span class="alert" role="alert">${esc(e.message)}</span>`;
  }
}

async function propose() {
  try {
    proposal = await api('POST', '/api/binomes/proposals', { on: $('binomes-on').value });
    $('binomes-result').innerHTML = binomesView(proposal, true);
    $('binomes-confirm').onclick = confirm;
  } catch (e) {
    $('binomes-result').innerHTML = `<div class="alert" role="alert">${esc(e.message)}</div>`;
  }
}

async function confirm() {
  try {
    await api('POST', `/api/binomes/proposals/${proposal.id}/confirm`);
    proposal = null;
    await refresh();
    $('binomes-result').insertAdjacentHTML('afterbegin', '<p class="ok">Binômes confirmés.</p>');
  } catch (e) {
    $('binomes-result').insertAdjacentHTML('afterbegin', `<div class="alert" role="alert">${esc(e.message)}</div>`);
  }
}

export async function startStaffingPanel(list) {
  people = new Map(list.map((p) => [p.id, p.name]));
  $('binomes-on').value = new Date().toISOString().slice(0, 10);
  $('staffing-run').onclick = runStaffing;
  $('binomes-propose').onclick = propose;
  await refresh();
}
