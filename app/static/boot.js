// Loads the wasm app. A file, not an inline script, so the CSP forbids inline code.
// While the wasm downloads, the first API calls already run; the app picks up their
// answers from `window.siBoot` (each a promise of the response text, or null).

// Tenant ids are lower case: a prefix spelled otherwise (/t/Fabrikam/) goes to the
// canonical address before anything loads.
const spelled = location.pathname.match(/^\/t\/([^/]+)(\/.*)?$/);
const moving = spelled && spelled[1] !== spelled[1].toLowerCase();
if (moving) location.replace(`/t/${spelled[1].toLowerCase()}${spelled[2] ?? '/'}${location.search}${location.hash}`);
// The tenant's path prefix, as `client::base_of` in the app finds it.
const tenant = location.pathname.match(/^\/t\/([a-z0-9-]+)(\/|$)/);
const base = tenant ? `/t/${tenant[1]}` : '';
const text = (r) => (r.ok ? r.text() : null);
// The worker put the tenant's config in the page (worker/src/page.rs); a page
// served without it asks.
const inlined = document.getElementById('si-config')?.textContent;
const configAnswer = moving ? new Promise(() => {}) : inlined ? null : fetch(`${base}/api/v1/config`);
const config = inlined ? Promise.resolve(inlined) : configAnswer.then(text).catch(() => null);
// No organization has this address (404): say so instead of a sign-in page for nobody.
const unknown = inlined ? Promise.resolve(false) : configAnswer.then((r) => r.status === 404).catch(() => false);
// The worker's static first view (domain::shell), until the app's page is in place:
// a form sent meanwhile is held, then what was typed, the focus and the held submit
// carry over to the app's fields of the same ids, and the copy goes (before the next
// paint: a mutation observer's callback).
const shell = document.querySelector('#boot.shell');
shell?.querySelector('form')?.addEventListener('submit', (e) => {
  e.preventDefault();
  e.target.dataset.submitted = '1';
});
// A shell with the page's content (Security info's list: `data-hold`) stays until
// the app's page has it too (no "Loading…" left, or an error to show), so the list
// does not blink out meanwhile; 5 s at most.
if (shell) {
  const hold = shell.hasAttribute('data-hold');
  let holding = null;
  const observer = new MutationObserver(() => {
    const app = document.querySelector('body > .app');
    if (!app) return;
    const loading = hold && app.querySelector('.loading') && !app.querySelector('.error:not(:empty)');
    if (!loading) takeOver();
    else if (!holding) {
      observer.observe(app, { childList: true, subtree: true, characterData: true });
      holding = setTimeout(takeOver, 5000);
    }
  });
  observer.observe(document.body, { childList: true });
  function takeOver() {
    observer.disconnect();
    clearTimeout(holding);
    if (!shell.isConnected) return;
    const typed = [...shell.querySelectorAll('input[id]')].map((f) => [f.id, f.value]);
    const focused = shell.contains(document.activeElement) ? document.activeElement.id : null;
    const submitted = shell.querySelector('form[data-submitted]');
    shell.remove();
    for (const [id, value] of typed) {
      const field = document.getElementById(id);
      if (!value || !field || field.value) continue;
      field.value = value;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    }
    if (focused) document.getElementById(focused)?.focus();
    if (submitted) document.querySelector('main form')?.requestSubmit();
  }
}
// The admin's pages and the password reset have bundles of their own
// (app/src/bin/*.rs); their twins in Rust are `ADMIN_PAGE`, `USERS_PAGE` and
// `RESET_PAGE` in app/src/lib.rs.
const page = location.pathname.slice(base.length).replace(/\/$/, '');
const listed = document.getElementById('si-methods')?.textContent;
const bundle = { '/admin': 'admin', '/admin/users': 'users', '/reset': 'reset' }[page] ?? 'app';
// The admin's pages have strings of their own (the `locales` of `lib::mount`).
// The reset's are with the portal's chunks' (`chunks.ftl`, which the portal fetches
// with its first chunk).
const locales = { admin: ['app', 'admin'], users: ['app', 'users'], reset: ['app', 'chunks'] }[bundle] ?? ['app'];
const ftl = (lang) => Promise.all(locales.map((f) => fetch(`/locales/${lang}/${f}.ftl`).then(text)))
  .then((parts) => (parts.includes(null) ? null : parts.join('\n')));
window.siBoot = {
  config,
  session: fetch(`${base}/api/v1/session`).then(text).catch(() => null),
  // Security info's list, for a signed-in visit: the server's readable `si-on`
  // cookie says there is a session (api::SIGNED_IN_COOKIE), so a signed-out load
  // asks nothing that answers 401.
  // The worker put it in the page with its first view when it could.
  methods: listed ? Promise.resolve(listed) : page === '' && document.cookie.split('; ').includes('si-on=1')
    ? fetch(`${base}/api/v1/methods`).then(text).catch(() => null) : null,
  locale: config
    .then((c) => (c ? ftl(JSON.parse(c).language) : null))
    .catch(() => null),
};
// If the app cannot load (offline, or a deploy replaced the files), say so in both
// languages (the strings come with the app) and offer a retry.
// A first view that is the whole page (sign-in, Security info with its list: the
// worker then leaves out the wasm's preload) shows before anything else: the app loads after that first paint; a
// hidden tab, which paints nothing, waits 100 ms at most.
const preloaded = document.querySelector('link[rel="preload"][href$="_bg.wasm"]');
const painted = shell && !preloaded
  ? Promise.race([new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))), new Promise((r) => setTimeout(r, 100))])
  : Promise.resolve();
if (!moving) painted.then(() => import(`./${bundle}.js`))
  .then(async (m) => {
    // No organization has this address: its page is a file of its own (few ever see it).
    if (await unknown) { (await import('./not-found.js')).notFound(); return; }
    await m.default({ module_or_path: `/${bundle}_bg.wasm` });
  })
  .catch(() => {
    const boot = document.getElementById('boot');
    if (!boot) return;
    const alert = document.createElement('p');
    alert.setAttribute('role', 'alert');
    alert.textContent = 'Security info could not load. Check your connection and try again. / '
      + 'Beveiligingsgegevens kon niet laden. Controleer uw verbinding en probeer het opnieuw.';
    const retry = document.createElement('button');
    retry.type = 'button';
    retry.textContent = 'Try again / Opnieuw proberen';
    retry.addEventListener('click', () => location.reload());
    boot.removeAttribute('aria-busy');
    boot.className = 'boot failed';
    boot.replaceChildren(alert, retry);
    retry.focus();
  });
