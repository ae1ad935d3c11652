// A minimal EdgeControl device in JavaScript (docs/device-protocol.md): it registers over REST with the registration
// token and the users it hosts, connects to the device hub with its API key, submits N requests, "executes" each
// decision it is sent by reporting a made-up measurement with the decision's ticket, and waits until the control
// plane has acknowledged every outcome. Exit code 0 only if all N were acknowledged and none was rejected.
//
//   npm ci && node device.mjs --server http://127.0.0.1:5000 --token dev-registration-token --requests 20
//
// It keeps its outcomes in memory and registers a new device on every run. A real device keeps its key, its next
// sequence number and its unacknowledged outcomes on disk (see the document), so that a restart loses nothing.
import { parseArgs } from "node:util";
import { randomUUID } from "node:crypto";
import * as signalR from "@microsoft/signalr";

const { values: options } = parseArgs({
  options: {
    server: { type: "string", default: "http://127.0.0.1:5000" },
    token: { type: "string", default: "dev-registration-token" },
    requests: { type: "string", default: "20" },
    user: { type: "string", default: "camera-1" },
    timeout: { type: "string", default: "30" },
  },
});
const server = options.server.replace(/\/+$/, "");
const total = Number.parseInt(options.requests, 10);
const heartbeatMs = 2000;

function log(line) {
  console.log(`[js-device] ${line}`);
}

// 1. Register over REST: the device's name, hardware profile and the scenario users it hosts. The key is shown once.
async function register() {
  const response = await fetch(`${server}/api/v1/devices`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Registration-Token": options.token },
    body: JSON.stringify({ name: `js-device-${randomUUID().slice(0, 8)}`, profile: "rpi4", users: [options.user] }),
  });
  const body = await response.json();
  if (response.status !== 201) {
    throw new Error(`registration answered ${response.status}: ${body.detail ?? JSON.stringify(body)}`);
  }
  return body; // { id, name, profile, users, apiKey }
}

const device = await register();
log(`registered ${device.name} (${device.id}) hosting ${device.users.join(", ")}`);

// Outcomes sent but not yet acknowledged, by sequence: re-sent after a reconnect, forgotten once acknowledged.
const unacknowledged = new Map();
let nextSequence = 0;
let executed = 0;
let acknowledged = 0;
const rejected = new Map();
let finish;
const finished = new Promise((resolve) => (finish = resolve));

// 2. Connect to the hub: WebSockets only, the key in the X-Api-Key header (a browser, which cannot set headers on a
// WebSocket, would use accessTokenFactory: () => apiKey, sent as the access_token query parameter, with skipNegotiation).
const connection = new signalR.HubConnectionBuilder()
  .withUrl(`${server}/hubs/devices`, {
    transport: signalR.HttpTransportType.WebSockets,
    skipNegotiation: true,
    headers: { "X-Api-Key": device.apiKey },
  })
  .withAutomaticReconnect()
  .configureLogging(signalR.LogLevel.Warning)
  .build();

// 3. The control plane decided where one request runs and with which variant: run it, measure, report the outcome with
// the decision's fields and ticket unchanged, under this device's next sequence number.
connection.on("Execute", (command) => {
  executed++;
  const outcome = {
    sequence: nextSequence++,
    requestId: command.requestId,
    user: command.user,
    action: command.action,
    target: command.target,
    variant: command.variant,
    latencyMs: 20 + Math.random() * 180,
    energyJ: 0.1 + Math.random() * 1.5,
    accuracy: 0.7,
    observedAt: new Date().toISOString(),
    ticket: command.ticket,
  };
  unacknowledged.set(outcome.sequence, outcome);
  report([outcome]);
});

// 4. Every outcome up to this sequence is settled (stored, or rejected just before): forget them.
connection.on("Acknowledge", (sequence) => {
  for (const key of [...unacknowledged.keys()]) {
    if (key <= sequence) {
      unacknowledged.delete(key);
      if (!rejected.has(key)) acknowledged++;
    }
  }
  if (acknowledged + rejected.size >= total && unacknowledged.size === 0) finish();
});

// The outcome will never be stored (a refused field, no valid ticket, reported already): re-sending cannot help.
connection.on("Reject", (sequence, reason) => {
  rejected.set(sequence, reason);
  log(`outcome ${sequence} rejected: ${reason}`);
});

function report(outcomes) {
  // A HubException ("not taken now", e.g. the control plane's database is down) keeps them for the next re-send.
  connection.invoke("ReportOutcomes", outcomes).catch((error) => log(`report not taken now: ${error.message}`));
}

// After a reconnect the control plane may not have received what the old connection sent: send it all again.
connection.onreconnected(() => {
  log("reconnected: re-sending what is not acknowledged");
  if (unacknowledged.size > 0) report([...unacknowledged.values()]);
});

await connection.start();
log(`connected to ${server}/hubs/devices`);
const heartbeats = setInterval(() => connection.send("Heartbeat").catch(() => {}), heartbeatMs);

// 5. Submit the requests: each is one pending inference request of one of this device's users.
for (let i = 0; i < total; i++) {
  await connection.invoke("SubmitRequest", {
    requestId: randomUUID(),
    user: options.user,
    uplinkMbps: 20,
    rttEdgeMs: 5,
    rttCloudMs: 40,
    localLoad: 0,
    networkCondition: "regular",
  });
}
log(`${total} requests submitted`);

const timedOut = await Promise.race([
  finished.then(() => false),
  new Promise((resolve) => setTimeout(() => resolve(true), Number(options.timeout) * 1000)),
]);
clearInterval(heartbeats);
await connection.stop();

log(`${total} submitted, ${executed} executed, ${acknowledged} acknowledged, ${rejected.size} rejected${timedOut ? " (timed out)" : ""}`);
process.exit(!timedOut && acknowledged === total && rejected.size === 0 ? 0 : 1);
