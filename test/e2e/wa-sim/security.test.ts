// The simulator's signatures are genuinely valid: proven with a strict XEdDSA verifier in place of rc14's
// no-op Curve.verify, and a handshake against the wrong root key fails.
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { Curve, WA_CERT_DETAILS, makeWASocket } from '@whiskeysockets/baileys';
import {
  closeCode,
  installStrictXEdDSAVerifier,
  linkCompanion,
  makeMemoryAuthState,
  simSocketConfig,
  startWaSim,
} from '../../support/wa-sim/index.ts';
import type { WaSim } from '../../support/wa-sim/index.ts';

describe('wa-sim signatures under a strict verifier', () => {
  let sim: WaSim;
  let undoVerifier: () => void;

  before(async () => {
    undoVerifier = installStrictXEdDSAVerifier();
    sim = await startWaSim();
  });
  after(async () => {
    await sim.close();
    undoVerifier();
  });

  it('the installed verifier rejects a forged signature and accepts a real one', () => {
    const pair = Curve.generateKeyPair();
    const message = randomBytes(40);
    expect(Curve.verify(pair.public, message, randomBytes(64))).to.be.false;
    expect(Curve.verify(pair.public, message, Curve.sign(pair.private, message))).to.be.true;
  });

  it('pairs and logs in with every certificate and ADV signature strictly verified', async () => {
    const phone = await sim.createPhone({ phoneNumber: '15550004000' });
    const { sock } = await linkCompanion(sim, phone);
    expect(sock.user?.id).to.equal('15550004000:1@s.whatsapp.net');
    await sock.end(undefined);
  });

  it("fails the noise handshake with 400 when the root key is not the simulator's", async () => {
    WA_CERT_DETAILS.PUBLIC_KEY = Buffer.from(Curve.generateKeyPair().public);
    const sock = makeWASocket(simSocketConfig(sim, makeMemoryAuthState()));
    expect(await closeCode(sock)).to.equal(400);
  });
});
