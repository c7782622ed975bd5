// The page for an address no organization has (boot.js imports it only then).
/** The page for an address no organization has, in the browser's language. */
export function notFound() {
  const nl = (navigator.languages ?? [navigator.language]).find((l) => /^(en|nl)\b/i.test(l))?.toLowerCase().startsWith('nl');
  const boot = document.getElementById('boot');
  if (!boot) return;
  document.documentElement.lang = nl ? 'nl-NL' : 'en-US';
  document.title = nl ? 'Niet gevonden' : 'Not found';
  const main = document.createElement('main');
  main.className = 'page not-found';
  const h1 = document.createElement('h1');
  h1.textContent = nl ? 'Deze organisatie kennen we niet' : "We don't know this organization";
  const p = document.createElement('p');
  p.textContent = nl
    ? 'Er is geen organisatie met dit adres. Controleer het adres, of vraag uw organisatie om de link waarmee u zich aanmeldt.'
    : 'No organization has this address. Check the address, or ask your organization for the link you sign in with.';
  main.replaceChildren(h1, p);
  boot.replaceWith(main);
}

