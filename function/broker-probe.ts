// Tells a broker address that answers, but not as Kafka (an HTTP server, a wrong port), from a Kafka
// broker, within seconds: kafkajs would read the answer as the length of a huge response, wait for its
// request timeout (30 s) and then say only "Broker not connected".
import { connect, type Socket } from "node:net";
import { connect as tlsConnect } from "node:tls";

const PROBE_TIMEOUT_MS = 5_000;
/** Larger answers to ApiVersions are not Kafka's (a broker's is a few hundred bytes). */
const MAX_ANSWER_BYTES = 1024 * 1024;

/** ApiVersions v0, which every Kafka broker answers, before any authentication. */
function apiVersionsRequest(correlationId: number): Buffer {
  const clientId = Buffer.from("ckafka-cos-backup-probe");
  const request = Buffer.alloc(4 + 10 + clientId.length);
  request.writeInt32BE(request.length - 4, 0);
  request.writeInt16BE(18, 4); // api key: ApiVersions
  request.writeInt16BE(0, 6); // api version
  request.writeInt32BE(correlationId, 8);
  request.writeInt16BE(clientId.length, 12);
  clientId.copy(request, 14);
  return request;
}

/** Node's words when a TLS peer's certificate fails verification (the messages of its certificate error codes). */
const UNTRUSTED_CERTIFICATE = /self[- ]signed certificate|unable to verify the first certificate|unable to get (local )?issuer certificate|certificate has expired|certificate is not yet valid|does not match certificate|certificate signature failure|certificate chain too long/i;

/**
 * Why a TLS connection failed on the peer's certificate, for a message that follows the peer's address, or
 * undefined for any other error. Looks through `cause`s: kafkajs wraps the socket's error.
 */
export function untrustedCertificate(err: unknown): string | undefined {
  for (let e = err as { message?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    const said = UNTRUSTED_CERTIFICATE.exec(e.message ?? "");
    if (said) {
      return (
        `its TLS certificate is not trusted (${e.message}): a client trusts Node.js's CA bundle and the PEM file that ` +
        "NODE_EXTRA_CA_CERTS names; add the CA that signed the broker's certificate there, or check that the address is the instance's TLS route"
      );
    }
  }
  return undefined;
}

/** What the first bytes of an answer look like, for a message: text if printable, else hex. */
function excerpt(bytes: Buffer): string {
  const head = bytes.subarray(0, 40);
  const text = head.toString("latin1");
  return /^[\x20-\x7e\r\n\t]*$/.test(text) ? JSON.stringify(text.split(/\r?\n/)[0]) : `0x${head.toString("hex")}`;
}

/** What a probe found: a broker that does not speak Kafka, or one whose TLS certificate the client does not trust. */
type ProbeProblem = { notKafka: string } | { untrusted: string };

/**
 * What is wrong with `address`, or undefined when it answered as a Kafka broker or could not be reached
 * (kafkajs reports unreachable brokers itself, and may reach another of the list).
 */
export function probeBroker(address: string, tls: boolean): Promise<ProbeProblem | undefined> {
  const i = address.lastIndexOf(":");
  const host = address.slice(0, i);
  const port = Number(address.slice(i + 1));
  const correlationId = 0x636b62; // any value; a Kafka answer echoes it
  return new Promise((resolve) => {
    let received = Buffer.alloc(0);
    let connected = false;
    const finish = (problem: ProbeProblem | undefined) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(problem);
    };
    const done = (reason: string | undefined) => finish(reason === undefined ? undefined : { notKafka: reason });
    const onConnect = () => {
      connected = true;
      socket.write(apiVersionsRequest(correlationId));
    };
    const socket: Socket = tls ? tlsConnect({ host, port, servername: host }, onConnect) : connect({ host, port }, onConnect);
    const timer = setTimeout(
      () => done(connected ? `accepted the connection but gave no Kafka answer within ${PROBE_TIMEOUT_MS / 1000} s` : undefined),
      PROBE_TIMEOUT_MS,
    );
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 8) return;
      const size = received.readInt32BE(0);
      const kafka = size >= 4 && size <= MAX_ANSWER_BYTES && received.readInt32BE(4) === correlationId;
      done(kafka ? undefined : `answered ${excerpt(received)} to a Kafka ApiVersions request`);
    });
    socket.on("end", () => done(connected ? `closed the connection without a Kafka answer${received.length ? ` (sent ${excerpt(received)})` : ""}` : undefined));
    socket.on("error", (err) => {
      const untrusted = tls && !connected ? untrustedCertificate(err) : undefined;
      if (untrusted) return finish({ untrusted });
      // A TLS handshake that fails on the server's answer: it does not speak TLS, so not Kafka over TLS.
      const handshake = tls && !connected && /SSL|TLS|wrong version|packet length/i.test(err.message);
      done(handshake ? `does not complete a TLS handshake (${err.message})` : connected ? `broke the connection (${err.message})` : undefined);
    });
  });
}

/**
 * The brokers to bootstrap from: the list without the addresses that answer but not as Kafka, which
 * kafkajs would keep trying. Fails fast, naming each address, when none is left, and at once when a
 * broker's TLS certificate is not trusted (kafkajs would retry that for a minute and name no broker);
 * addresses that cannot be reached stay in the list, for kafkajs to report or to pass over.
 */
export async function kafkaBrokers(brokers: string[], tls: boolean, warn: (msg: string, fields: object) => void): Promise<string[]> {
  const problems = await Promise.all(brokers.map((b) => probeBroker(b, tls)));
  const untrusted = brokers.flatMap((b, i) => {
    const p = problems[i];
    return p && "untrusted" in p ? [`${b}: ${p.untrusted}`] : [];
  });
  if (untrusted.length) throw new Error(untrusted.join("; "));
  const reasons = problems.map((p) => (p && "notKafka" in p ? p.notKafka : undefined));
  const bad = brokers.map((b, i) => ({ broker: b, reason: reasons[i] })).filter((x) => x.reason !== undefined);
  if (!bad.length) return brokers;
  const described = bad.map((x) => `${x.broker} does not speak Kafka: it ${x.reason}`).join("; ");
  if (bad.length === brokers.length) {
    throw new Error(`${described}. The brokers setting (CKB_BROKERS) must list the CKafka instance's host:port addresses${tls ? " (TLS is on)" : ""}`);
  }
  warn("a broker address does not speak Kafka; using the others", { brokers: bad.map((x) => x.broker), error: described });
  return brokers.filter((_, i) => reasons[i] === undefined);
}
