// The demo app (development builds): a browser-only OpenID Connect client of the
// demo tenant, written against the specifications, not against this product's
// code. Code flow with PKCE S256; the ID token's ES256 signature is checked with
// WebCrypto against the provider's JWKS, then iss, aud, nonce and exp.
const $ = (id) => document.getElementById(id);
const b64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const unb64url = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4)), (c) => c.charCodeAt(0));
const random = (n) => b64url(crypto.getRandomValues(new Uint8Array(n)));
const CLIENT = 'demo-app';
const redirect = location.origin + location.pathname;

async function provider() {
  return (await fetch('/.well-known/openid-configuration')).json();
}

async function signIn() {
  const meta = await provider();
  const verifier = random(32);
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const request = { state: random(16), nonce: random(16), verifier };
  sessionStorage.setItem('demo-rp', JSON.stringify(request));
  const url = new URL(meta.authorization_endpoint);
  url.search = new URLSearchParams({ response_type: 'code', client_id: CLIENT, redirect_uri: redirect, scope: 'openid profile email',
    state: request.state, nonce: request.nonce, code_challenge: challenge, code_challenge_method: 'S256' });
  location.assign(url);
}

async function verifyIdToken(meta, jwt, nonce) {
  const [h, p, s] = jwt.split('.');
  const header = JSON.parse(new TextDecoder().decode(unb64url(h)));
  if (header.alg !== 'ES256') throw new Error(`unexpected alg ${header.alg}`);
  const { keys } = await (await fetch(meta.jwks_uri)).json();
  const jwk = keys.find((k) => k.kid === header.kid);
  if (!jwk) throw new Error('unknown key');
  const key = await crypto.subtle.importKey('jwk', { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  const ok = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, unb64url(s), new TextEncoder().encode(`${h}.${p}`));
  if (!ok) throw new Error('bad signature');
  const claims = JSON.parse(new TextDecoder().decode(unb64url(p)));
  if (claims.iss !== meta.issuer) throw new Error('wrong issuer');
  if (claims.aud !== CLIENT) throw new Error('wrong audience');
  if (claims.nonce !== nonce) throw new Error('wrong nonce');
  if (claims.exp * 1000 < Date.now()) throw new Error('expired');
  return claims;
}

async function callback(params) {
  const request = JSON.parse(sessionStorage.getItem('demo-rp') ?? 'null');
  sessionStorage.removeItem('demo-rp');
  history.replaceState(null, '', redirect);
  if (params.get('error')) throw new Error(`${params.get('error')}: ${params.get('error_description') ?? ''}`);
  if (!request || params.get('state') !== request.state) throw new Error('state does not match');
  const meta = await provider();
  if (params.get('iss') !== meta.issuer) throw new Error('wrong iss in the response');
  const res = await fetch(meta.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirect, client_id: CLIENT, code_verifier: request.verifier }),
  });
  const tokens = await res.json();
  if (!res.ok) throw new Error(`${tokens.error}: ${tokens.error_description}`);
  const claims = await verifyIdToken(meta, tokens.id_token, request.nonce);
  const info = await (await fetch(meta.userinfo_endpoint, { headers: { authorization: `Bearer ${tokens.access_token}` } })).json();
  if (info.sub !== claims.sub) throw new Error('UserInfo is about someone else');
  const list = $('claims');
  for (const [k, v] of Object.entries({ ...claims, ...info })) {
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.textContent = Array.isArray(v) ? v.join(' ') : String(v);
    dd.dataset.claim = k;
    list.append(dt, dd);
  }
  $('welcome').textContent = `Signed in as ${info.name ?? claims.sub}`;
  $('signed-in').hidden = false;
  $('logout').onclick = () => {
    const url = new URL(meta.end_session_endpoint);
    url.search = new URLSearchParams({ id_token_hint: tokens.id_token, post_logout_redirect_uri: redirect });
    location.assign(url);
  };
}

const params = new URLSearchParams(location.search);
$('signin').onclick = () => signIn().catch((e) => { $('error').textContent = e.message; });
if (params.has('code') || params.has('error')) {
  $('signin').hidden = true;
  callback(params).catch((e) => { $('error').textContent = e.message; $('signin').hidden = false; });
}
