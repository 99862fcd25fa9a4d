/**
 * The simulator's noise certificate chain: a root key (stands in for WhatsApp's pinned root), an
 * intermediate signed by the root with issuerSerial 0, and a leaf for the server's static noise key.
 */
import { Curve, proto } from '@whiskeysockets/baileys';
import type { KeyPair } from '@whiskeysockets/baileys';

/** Keys and the encoded CertChain the server sends inside serverHello. */
export interface SimCertificates {
  root: KeyPair;
  /** The server's long-term noise static key; also the leaf certificate's key. */
  serverStatic: KeyPair;
  /** Encoded `proto.CertChain`. */
  certChain: Uint8Array;
}

const TEN_YEARS_SEC = 10 * 365 * 24 * 3600;

/** Encodes certificate details and signs them (XEdDSA) with the issuer's private key. */
function signDetails(issuer: KeyPair, details: proto.CertChain.NoiseCertificate.IDetails) {
  const encoded = proto.CertChain.NoiseCertificate.Details.encode(details).finish();
  return { details: encoded, signature: Curve.sign(issuer.private, encoded) };
}

/** Generates a fresh root, intermediate and server static key and the chain linking them. */
export function createCertificates(): SimCertificates {
  const root = Curve.generateKeyPair();
  const intermediate = Curve.generateKeyPair();
  const serverStatic = Curve.generateKeyPair();
  const now = Math.floor(Date.now() / 1000);
  const validity = { notBefore: now - 3600, notAfter: now + TEN_YEARS_SEC };
  // Baileys enforces issuerSerial === WA_CERT_DETAILS.SERIAL (0) on the intermediate.
  const intermediateCert = signDetails(root, {
    serial: 1,
    issuerSerial: 0,
    key: intermediate.public,
    ...validity,
  });
  const leafCert = signDetails(intermediate, {
    serial: 2,
    issuerSerial: 1,
    key: serverStatic.public,
    ...validity,
  });
  const certChain = proto.CertChain.encode({
    intermediate: intermediateCert,
    leaf: leafCert,
  }).finish();
  return { root, serverStatic, certChain };
}
