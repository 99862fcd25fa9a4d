/**
 * WhatsApp protocol simulator: a loopback server and simulated phones that the real, unmodified Baileys
 * connects to, for pairing, sessions, sending and receiving end to end. See README.md.
 */
export { startWaSim } from './server.ts';
export type {
  DisconnectCode,
  PhoneInboundMessage,
  SelfTextOptions,
  SimPhone,
  StanzaLogEntry,
  StartWaSimOptions,
  WaSim,
  WaSimControl,
  WaSimMedia,
} from './types.ts';
export {
  closeCode,
  connectBaileys,
  createBaileysSocket,
  installLibsignalConsoleFilter,
  installStrictXEdDSAVerifier,
  linkCompanion,
  makeMemoryAuthState,
  nextQr,
  simSocketConfig,
  statusCodeOf,
  trustSimRootKey,
  waitForOpen,
} from './baileys-harness.ts';
export { verifyXEdDSA } from './xeddsa.ts';
