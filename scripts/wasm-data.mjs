// Prints a wasm module's data segments (its string literals and constants), so a
// search for text meets what the program holds, not bytes of code or debug info
// that happen to spell it.
import { readFileSync } from 'node:fs';

const bytes = readFileSync(process.argv[2]);
let at = 8;
const leb = () => {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return value;
};
const chunks = [];
while (at < bytes.length) {
  const id = bytes[at++];
  const size = leb();
  const end = at + size;
  if (id === 11) {
    for (let n = leb(); n > 0; n--) {
      const kind = leb();
      if (kind === 2) leb();
      if (kind !== 1) {
        // The offset: `i32.const n end` (or a global's value).
        at++;
        leb();
        at++;
      }
      const length = leb();
      chunks.push(bytes.subarray(at, at + length));
      at += length;
    }
  }
  at = end;
}
process.stdout.write(Buffer.concat(chunks));
