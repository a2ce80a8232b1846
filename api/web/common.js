// Shared by the cheffe's page and the staff page: the token, API calls, small DOM helpers.
export const $ = (id) => document.getElementById(id);
export const token = () => localStorage.getItem('apmnToken');

export async function api(method, path, body) {
  const r = await fetch(path, {
    method,
    headers: { authorization: `Bearer ${token()}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = r.status === 204 ? null : await r.json().catch(() => null);
  if (!r.ok) {
    const detail = data?.issues?.map((i) => `${i.path} : ${i.message}`).join(' ; ');
    throw new Error(detail || data?.error || `erreur ${r.status}`);
  }
  return data;
}

export function status(text, error = false) {
  const s = $('status');
  s.textContent = text;
  s.className = error ? 'error' : '';
}

/** Asks for the token when none is stored (or the stored one is refused), then calls start(). */
export async function signIn(start) {
  $('signin').onclick = () => {
    localStorage.setItem('apmnToken', $('token').value.trim());
    location.reload();
  };
  if (!token()) {
    $('login').hidden = false;
    return;
  }
  try {
    const me = await api('GET', '/api/me');
    $('who').textContent = me.name;
    await start(me);
  } catch (e) {
    if (/authentification/.test(e.message)) {
      localStorage.removeItem('apmnToken');
      $('login').hidden = false;
    } else status(e.message, true);
  }
}

export const monthRange = (month) => {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
};
export const hm = (iso) => iso.slice(11, 16);
export const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
export const DAYS = ['', 'lu', 'ma', 'me', 'je', 've', 'sa', 'di'];
