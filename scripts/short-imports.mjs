// Gives a wasm bundle's imports from its wasm-bindgen glue short names, in the wasm
// and in the glue alike: `__wbg_instanceof_HtmlDocument_9a3864a99ea4f197` becomes
// `bE`. The long names (a hash each, which compresses badly) were ~5 KB of the
// portal's wasm and again of its glue. Each name is a key of the glue's import object
// exactly once; anything else fails the build rather than ship a broken bundle.
//
//   node scripts/short-imports.mjs dist/app_bg.wasm dist/app.js ./app_bg.js
import { readFileSync, writeFileSync } from 'node:fs';

const [wasmPath, gluePath, module] = process.argv.slice(2);
const wasm = readFileSync(wasmPath);
let glue = readFileSync(gluePath, 'utf8');

const leb = (buf, at) => {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = buf[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
};
const uleb = (n) => {
  const out = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return Buffer.from(out);
};
const name = (s) => Buffer.concat([uleb(Buffer.byteLength(s)), Buffer.from(s)]);
// a…z, A…Z, then two letters: valid keys that no glue code depends on.
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const short = (i) => (i < LETTERS.length ? LETTERS[i] : short(Math.floor(i / LETTERS.length) - 1) + LETTERS[i % LETTERS.length]);

const parts = [wasm.subarray(0, 8)];
let renamed = 0;
let at = 8;
while (at < wasm.length) {
  const id = wasm[at];
  const [size, start] = leb(wasm, at + 1);
  const end = start + size;
  if (id !== 2) {
    parts.push(wasm.subarray(at, end));
    at = end;
    continue;
  }
  let [count, k] = leb(wasm, start);
  const entries = [uleb(count)];
  for (let e = 0; e < count; e++) {
    let len;
    [len, k] = leb(wasm, k);
    const mod = wasm.subarray(k, k + len).toString();
    k += len;
    [len, k] = leb(wasm, k);
    const field = wasm.subarray(k, k + len).toString();
    k += len;
    const desc = k;
    const kind = wasm[k++];
    if (kind === 0) [, k] = leb(wasm, k); // function: type index
    else if (kind === 1 || kind === 2) { // table (element type first) or memory: limits
      if (kind === 1) k++;
      const flags = wasm[k++];
      [, k] = leb(wasm, k);
      if (flags & 1) [, k] = leb(wasm, k);
    } else if (kind === 3) k += 2; // global: value type, mutability
    else if (kind === 4) { k++; [, k] = leb(wasm, k); } // tag
    else throw new Error(`${wasmPath}: import kind ${kind}`);
    let newName = field;
    if (mod === module) {
      newName = short(renamed++);
      const key = new RegExp(`([{,])${field.replace(/[$]/g, '\\$&')}:`, 'g');
      const found = glue.match(key)?.length ?? 0;
      if (found !== 1) throw new Error(`${gluePath}: import ${field} is a key ${found} times`);
      glue = glue.replace(key, `$1${newName}:`);
    }
    entries.push(name(mod), name(newName), wasm.subarray(desc, k));
  }
  const body = Buffer.concat(entries);
  parts.push(Buffer.from([2]), uleb(body.length), body);
  at = end;
}
if (renamed === 0) throw new Error(`${wasmPath}: no imports from ${module}`);
writeFileSync(wasmPath, Buffer.concat(parts));
writeFileSync(gluePath, glue);
