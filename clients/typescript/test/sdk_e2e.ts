// Exercises the TypeScript client against a running frontdeskd; prints one PASS or FAIL line per
// check and exits 1 if any failed.
//
// Usage: node dist-test/test/sdk_e2e.js http://127.0.0.1:PORT
//
// Also checks, against a small in-process gRPC server built with connect-node, that the client
// retries UNAVAILABLE with the same generated request_id and does not retry ABORTED.

import * as http2 from "node:http2";
import type { AddressInfo } from "node:net";

import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, type ConnectRouter } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";

import { createFrontdeskClient, errorDetails, type FrontdeskClient } from "../src/client.js";
import { Channel } from "../src/gen/frontdesk/v1/common_pb.js";
import {
  AuthorKind,
  CommunicationDirection,
  HoldReason,
  InteractionSchema,
  InteractionState,
} from "../src/gen/frontdesk/v1/interaction_pb.js";
import {
  CreateInteractionResponseSchema,
  InteractionService,
} from "../src/gen/frontdesk/v1/interaction_service_pb.js";

const ACTOR = "sdk-e2e-typescript";

let failures = 0;
let total = 0;

function check(ok: boolean, description: string): boolean {
  total++;
  if (!ok) {
    failures++;
  }
  console.log(`${ok ? "PASS" : "FAIL"}: ${description}`);
  return ok;
}

/** Runs call and returns what it threw, or undefined. */
async function thrown(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (err) {
    return err;
  }
  return undefined;
}

async function checkLifecycle(client: FrontdeskClient): Promise<void> {
  const api = client.interactions;
  const { contact } = await api.upsertContact({
    contact: {
      externalReference: `E2E-${Math.random().toString(16).slice(2, 10)}`,
      displayName: "Grace Hopper",
      email: "grace@example.com",
      department: "Engineering",
    },
  });
  check(
    contact?.name.startsWith("contacts/") === true,
    `upsertContact without a requestId succeeds (generated id), got ${contact?.name}`,
  );
  const contactName = contact?.name ?? "";

  const requestId = crypto.randomUUID();
  const create1 = {
    interaction: { channel: Channel.EMAIL, subject: "Printer offline", contact: contactName },
    requestId,
  };
  const first = (await api.createInteraction(create1)).interaction;
  const second = (await api.createInteraction(create1)).interaction;
  const name = first?.name ?? "";
  check(name.startsWith("interactions/"), `createInteraction returns ${name}`);
  check(
    name === second?.name && first?.etag === second?.etag,
    `createInteraction twice with requestId ${requestId} returns the same interaction ` +
      `(${name} / ${second?.name})`,
  );
  const generated = (await api.createInteraction({ interaction: { channel: Channel.CHAT } }))
    .interaction;
  check(
    generated !== undefined && generated.name !== "" && generated.name !== name,
    `createInteraction without a requestId gets a fresh one (new ${generated?.name})`,
  );

  const reply = await api.logCommunication({
    name,
    communication: {
      direction: CommunicationDirection.OUTBOUND,
      authorKind: AuthorKind.AGENT,
      author: "agents/e2e-agent",
      body: "Restarted the print spooler.",
    },
  });
  check(
    reply.interaction?.state === InteractionState.IN_PROGRESS &&
      reply.interaction.firstResponseTime !== undefined,
    "logCommunication (agent reply) puts it IN_PROGRESS and sets firstResponseTime " +
      `(state ${InteractionState[reply.interaction?.state ?? 0]})`,
  );

  const resolved = await api.resolveInteraction({
    name,
    resolutionCode: "SPOOLER_RESTARTED",
    firstContactResolution: true,
    etag: reply.interaction?.etag ?? "",
  });
  check(
    resolved.state === InteractionState.RESOLVED && resolved.resolutionCode === "SPOOLER_RESTARTED",
    `resolveInteraction resolves it (state ${InteractionState[resolved.state]})`,
  );

  const listed = await api.listInteractions({
    filter: `state = RESOLVED AND channel = EMAIL AND contact = "${contactName}"`,
    pageSize: 10,
  });
  const names = listed.interactions.map((i) => i.name);
  check(
    names.length === 1 && names[0] === name,
    `listInteractions with a filter returns exactly it (got ${JSON.stringify(names)})`,
  );

  const { entries } = await api.listInteractionHistory({ parent: name });
  const actions = entries.map((e) => e.action);
  check(
    JSON.stringify(actions) ===
      JSON.stringify(["CreateInteraction", "LogCommunication", "ResolveInteraction"]),
    `listInteractionHistory has create, reply, resolve once each (got ${JSON.stringify(actions)})`,
  );
  const actors = [...new Set(entries.map((e) => e.actor))];
  check(
    actors.length === 1 && actors[0] === ACTOR,
    `every history entry names actor ${ACTOR} (got ${JSON.stringify(actors)})`,
  );
}

async function checkErrors(client: FrontdeskClient): Promise<void> {
  const api = client.interactions;
  const err = await thrown(() =>
    api.createInteraction({ interaction: { subject: "no channel" } }),
  );
  check(err instanceof ConnectError, "createInteraction without a channel throws a ConnectError");
  const details = errorDetails(err);
  check(
    details.code === Code.InvalidArgument,
    `... with INVALID_ARGUMENT (got ${Code[details.code]})`,
  );
  const fields = details.fieldViolations.map((v) => v.field);
  check(
    fields.length === 1 && fields[0] === "interaction.channel",
    `... whose decoded BadRequest names interaction.channel (got ${JSON.stringify(fields)})`,
  );

  const created = (await api.createInteraction({ interaction: { channel: Channel.PHONE } }))
    .interaction;
  const hold = errorDetails(
    await thrown(() =>
      api.holdInteraction({ name: created?.name ?? "", reason: HoldReason.AWAITING_USER }),
    ),
  );
  check(
    hold.code === Code.FailedPrecondition &&
      hold.reason === "INVALID_STATE_TRANSITION" &&
      hold.metadata["current_state"] === "NEW",
    "holdInteraction on a NEW interaction: FAILED_PRECONDITION, ErrorInfo " +
      `INVALID_STATE_TRANSITION, current_state NEW (got ${JSON.stringify(hold)})`,
  );

  const unimplemented = errorDetails(await thrown(() => client.routing.listQueues({})));
  check(
    unimplemented.code === Code.Unimplemented,
    `routing.listQueues answers UNIMPLEMENTED (got ${Code[unimplemented.code]})`,
  );
}

interface Attempt {
  requestId: string;
  actor: string | null;
}

/** Starts a gRPC server whose createInteraction fails with the given codes, then succeeds. */
async function flakyServer(codes: Code[]): Promise<{ url: string; attempts: Attempt[]; stop(): Promise<void> }> {
  const attempts: Attempt[] = [];
  const routes = (router: ConnectRouter) =>
    router.rpc(InteractionService.method.createInteraction, (req, ctx) => {
      attempts.push({ requestId: req.requestId, actor: ctx.requestHeader.get("x-frontdesk-actor") });
      const code = codes.shift();
      if (code !== undefined) {
        throw new ConnectError(`scripted ${Code[code]}`, code);
      }
      return create(CreateInteractionResponseSchema, {
        interaction: create(InteractionSchema, { name: "interactions/fake" }),
      });
    });
  const server = http2.createServer(connectNodeAdapter({ routes, grpc: true, connect: false }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    attempts,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function checkRetries(): Promise<void> {
  const flaky = await flakyServer([Code.Unavailable, Code.Unavailable]);
  const client = createFrontdeskClient(flaky.url, { actor: ACTOR, initialBackoffMs: 20 });
  try {
    const response = await client.interactions.createInteraction({
      interaction: { channel: Channel.CHAT },
    });
    const ids = flaky.attempts.map((a) => a.requestId);
    check(
      response.interaction?.name === "interactions/fake" && ids.length === 3,
      `two UNAVAILABLE answers are retried and the third attempt succeeds (${ids.length} attempts)`,
    );
    check(
      new Set(ids).size === 1 && /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(ids[0] ?? ""),
      `every attempt carries the same generated UUIDv4 requestId (${JSON.stringify(ids)})`,
    );
    const actors = flaky.attempts.map((a) => a.actor);
    check(
      actors.every((a) => a === ACTOR),
      `every attempt carries the actor (${JSON.stringify(actors)})`,
    );
  } finally {
    client.close();
    await flaky.stop();
  }

  const aborted = await flakyServer([Code.Aborted]);
  const plain = createFrontdeskClient(aborted.url);
  try {
    const err = errorDetails(
      await thrown(() => plain.interactions.createInteraction({ interaction: { channel: Channel.CHAT } })),
    );
    check(
      err.code === Code.Aborted && aborted.attempts.length === 1 && aborted.attempts[0]?.actor === null,
      `ABORTED is not retried and no actor is sent without one (${aborted.attempts.length} ` +
        `attempt(s), actors ${JSON.stringify(aborted.attempts.map((a) => a.actor))})`,
    );
  } finally {
    plain.close();
    await aborted.stop();
  }
}

async function main(): Promise<number> {
  const baseUrl = process.argv[2];
  if (baseUrl === undefined) {
    console.error("usage: node sdk_e2e.js http://HOST:PORT");
    return 2;
  }
  const client = createFrontdeskClient(baseUrl, { actor: ACTOR, timeoutMs: 15_000 });
  try {
    await checkLifecycle(client);
    await checkErrors(client);
  } finally {
    client.close();
  }
  await checkRetries();
  console.log(`sdk_e2e.js: ${failures} of ${total} checks failed`);
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.log(`FAIL: unexpected error: ${err instanceof Error ? err.stack : String(err)}`);
    process.exitCode = 1;
  },
);
