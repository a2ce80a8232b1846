import { $, api, status, signIn, monthRange, hm, esc, DAYS } from './common.js';

async function load() {
  const { from, to } = monthRange($('month').value);
  const days = await api('GET', `/api/my/assignments?from=${from}&to=${to}`);
  const byDate = new Map();
  for (const a of days) byDate.set(a.date, [...(byDate.get(a.date) ?? []), a]);
  let html = '<tr><th>Jour</th><th>Planning</th></tr>';
  for (const [date, list] of [...byDate].sort()) {
    const wd = DAYS[new Date(`${date}T12:00:00Z`).getUTCDay() || 7];
    html += `<tr><td>${wd} ${esc(date)}</td><td>${list.map((a) => (a.kind === 'conge' ? esc(a.label) : `${esc(a.label)} ${hm(a.start)}–${hm(a.end)}`)).join('<br>')}</td></tr>`;
  }
  $('days').innerHTML = html;
  status(days.length ? '' : 'Pas de planning publié pour ce mois.');
}

signIn(async (me) => {
  $('month').onchange = load;
  $('subscribe').onclick = async () => {
    const l = await api('POST', `/api/people/${me.personId}/feed-token`);
    $('links').innerHTML = `<a id="webcal" href="${esc(l.webcal)}">S’abonner (webcal)</a><br>Lien https : <a id="https" href="${esc(l.https)}">${esc(l.https)}</a><br><small>Un nouveau lien remplace le précédent.</small>`;
  };
  await load();
});
