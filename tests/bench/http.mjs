// The load rows' client: node:http over kept-alive connections. The client shares
// this machine's two cores with workerd, and fetch (undici, WHATWG streams) cost
// it 1.1-1.7 ms of CPU per request, more for a POST with a body, against
// 0.3-0.5 ms for node:http (tests/bench/cpu.mjs): fetch charged its own weight
// to the server's figures, and most to the second step's.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });

/** One request (`init` as fetch's: method, headers, a string body), its answer
 * read to the end; resolves to the status. */
export function hit(base, path, init = {}) {
  return new Promise((resolve, reject) => {
    const body = init.body === undefined ? undefined : Buffer.from(init.body);
    const headers = body ? { ...init.headers, 'content-length': body.length } : init.headers;
    const req = http.request(base + path, { method: init.method ?? 'GET', headers, agent }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve(res.statusCode));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
