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
const configAnswer = moving ? new Promise(() => {}) : fetch(`${base}/api/v1/config`);
const config = configAnswer.then(text).catch(() => null);
// No organization has this address (404): say so instead of a sign-in page for nobody.
const unknown = configAnswer.then((r) => r.status === 404).catch(() => false);
// The admin's pages and the password reset have bundles of their own
// (app/src/bin/*.rs); their twins in Rust are `ADMIN_PAGE`, `USERS_PAGE` and
// `RESET_PAGE` in app/src/lib.rs.
const page = location.pathname.slice(base.length).replace(/\/$/, '');
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
  methods: page === '' && document.cookie.split('; ').includes('si-on=1')
    ? fetch(`${base}/api/v1/methods`).then(text).catch(() => null) : null,
  locale: config
    .then((c) => (c ? ftl(JSON.parse(c).language) : null))
    .catch(() => null),
};
// If the app cannot load (offline, or a deploy replaced the files), say so in both
// languages (the strings come with the app) and offer a retry.
if (!moving) import(`./${bundle}.js`)
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
