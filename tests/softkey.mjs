// A software FIDO2 authenticator for API tests: node:crypto keys (ES256, EdDSA,
// RS256), `none` attestation, a signature counter, and the WebAuthn JSON encoding
// browsers send. Independent of the Rust code it tests.
import { generateKeyPairSync, sign, createHash, randomBytes } from 'node:crypto';

const b64u = (buf) => Buffer.from(buf).toString('base64url');
const sha256 = (data) => createHash('sha256').update(data).digest();

/** Minimal CBOR (RFC 8949) for maps, arrays, byte and text strings and integers. */
export function cbor(value) {
  const head = (major, n) => {
    if (n < 24) return Buffer.from([(major << 5) | n]);
    if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
    if (n < 0x10000) { const b = Buffer.alloc(3); b[0] = (major << 5) | 25; b.writeUInt16BE(n, 1); return b; }
    const b = Buffer.alloc(5); b[0] = (major << 5) | 26; b.writeUInt32BE(n, 1); return b;
  };
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') { const t = Buffer.from(value); return Buffer.concat([head(3, t.length), t]); }
  if (Buffer.isBuffer(value)) return Buffer.concat([head(2, value.length), value]);
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(cbor)]);
  if (value instanceof Map) {
    return Buffer.concat([head(5, value.size), ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)])]);
  }
  throw new Error(`cannot encode ${value}`);
}

export class SoftKey {
  /** `aaguid`: the model id the key reports (hex, dashes allowed); zeros by default. */
  constructor(alg = -7, { verifiesUser = true, aaguid = '0'.repeat(32) } = {}) {
    this.alg = alg;
    this.verifiesUser = verifiesUser;
    this.aaguid = Buffer.from(aaguid.replace(/-/g, ''), 'hex');
    this.id = randomBytes(16);
    this.counter = 0;
    const pair = alg === -7 ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : alg === -8 ? generateKeyPairSync('ed25519')
        : generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = pair.privateKey;
    this.jwk = pair.publicKey.export({ format: 'jwk' });
  }

  coseKey() {
    const k = (s) => Buffer.from(s, 'base64url');
    if (this.alg === -7) return cbor(new Map([[1, 2], [3, -7], [-1, 1], [-2, k(this.jwk.x)], [-3, k(this.jwk.y)]]));
    if (this.alg === -8) return cbor(new Map([[1, 1], [3, -8], [-1, 6], [-2, k(this.jwk.x)]]));
    return cbor(new Map([[1, 3], [3, -257], [-1, k(this.jwk.n)], [-2, k(this.jwk.e)]]));
  }

  sign(data) {
    if (this.alg === -7) return sign('sha256', data, { key: this.privateKey, dsaEncoding: 'der' });
    if (this.alg === -8) return sign(null, data, this.privateKey);
    return sign('sha256', data, this.privateKey);
  }

  authData(rpId, extra = Buffer.alloc(0), attested = false) {
    this.counter += 1;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(this.counter);
    const flags = 0x01 | (this.verifiesUser ? 0x04 : 0) | (attested ? 0x40 : 0);
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), counter, extra]);
  }

  /** The answer to `navigator.credentials.create({ publicKey: options })` at `origin`. */
  create(options, origin) {
    const clientData = Buffer.from(JSON.stringify({ type: 'webauthn.create', challenge: options.challenge, origin, crossOrigin: false }));
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.id.length);
    const credential = Buffer.concat([this.aaguid, idLength, this.id, this.coseKey()]);
    const authData = this.authData(options.rp.id, credential, true);
    const attestationObject = cbor(new Map([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]));
    return { id: b64u(this.id), rawId: b64u(this.id), type: 'public-key',
      response: { clientDataJSON: b64u(clientData), attestationObject: b64u(attestationObject), transports: ['usb'] } };
  }

  /** The answer to `navigator.credentials.get({ publicKey: options })` at `origin`. */
  get(options, origin) {
    const clientData = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge: options.challenge, origin, crossOrigin: false }));
    const authData = this.authData(options.rpId);
    const signature = this.sign(Buffer.concat([authData, sha256(clientData)]));
    return { id: b64u(this.id), rawId: b64u(this.id), type: 'public-key',
      response: { clientDataJSON: b64u(clientData), authenticatorData: b64u(authData), signature: b64u(signature), userHandle: null } };
  }
}
