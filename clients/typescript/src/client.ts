// Hand-written conveniences over the code that protoc-gen-es generates into ./gen/.
//
// createFrontdeskClient() opens one HTTP/2 connection speaking gRPC (the C++ server does not speak
// the Connect protocol) and returns typed clients for the three services. Every call through them:
//
// - carries the `x-frontdesk-actor` header when an actor is given (a header set per call wins);
// - on unary calls whose request has a `request_id` field left empty, gets a fresh UUIDv4 one. It
//   is set outside the retry loop, so every retry of that call sends the same id;
// - on unary calls, has a deadline of `timeoutMs` unless the call passes its own (streaming calls
//   such as watchInteractions run until aborted);
// - is retried on UNAVAILABLE only (the server's "database unreachable" and connection failures),
//   with exponential backoff, at most `maxAttempts` attempts within the deadline. The request_id
//   makes a retried mutation safe. ABORTED (a stale etag) is not retried: re-read first.
//
// errorDetails() decodes the google.rpc error details the server sends in the
// `grpc-status-details-bin` trailer.

import { randomUUID } from "node:crypto";

import { ScalarType } from "@bufbuild/protobuf";
import {
  Code,
  ConnectError,
  createClient,
  type Client,
  type Interceptor,
  type Transport,
  type UnaryRequest,
} from "@connectrpc/connect";
import { createGrpcTransport, Http2SessionManager } from "@connectrpc/connect-node";

import {
  BadRequestSchema,
  ErrorInfoSchema,
  PreconditionFailureSchema,
} from "./gen/google/rpc/error_details_pb.js";
import { InteractionService } from "./gen/frontdesk/v1/interaction_service_pb.js";
import { MetricsService } from "./gen/frontdesk/v1/metrics_service_pb.js";
import { RoutingService } from "./gen/frontdesk/v1/routing_service_pb.js";

export { Code, ConnectError } from "@connectrpc/connect";

/** The request header that names the caller in the audit history. */
export const ACTOR_HEADER = "x-frontdesk-actor";

/** Options for createFrontdeskClient. */
export interface FrontdeskClientOptions {
  /** Sent as x-frontdesk-actor on every call; the audit history records it. */
  actor?: string;
  /** Default deadline of unary calls, covering all retries. Default 10000; 0 for none. */
  timeoutMs?: number;
  /** Attempts per call on UNAVAILABLE, at least 1 (no retry). Default 4. */
  maxAttempts?: number;
  /** Backoff before the first retry, doubled per retry up to 2 s. Default 100. */
  initialBackoffMs?: number;
  /** Extra interceptors, run inside the client's own (after the request_id is set). */
  interceptors?: Interceptor[];
}

/** Typed clients for the Frontdesk services over one HTTP/2 connection. */
export interface FrontdeskClient {
  readonly interactions: Client<typeof InteractionService>;
  readonly routing: Client<typeof RoutingService>;
  readonly metrics: Client<typeof MetricsService>;
  /** The underlying gRPC transport, for clients of other services on the same server. */
  readonly transport: Transport;
  /** Closes the connection; calls in flight fail. */
  close(): void;
}

/**
 * Creates a client for the server at baseUrl, e.g. "http://127.0.0.1:50051" (plaintext HTTP/2
 * with prior knowledge) or "https://frontdesk.example.com".
 */
export function createFrontdeskClient(
  baseUrl: string,
  options: FrontdeskClientOptions = {},
): FrontdeskClient {
  const maxAttempts = options.maxAttempts ?? 4;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError("maxAttempts must be an integer of at least 1");
  }
  const sessionManager = new Http2SessionManager(baseUrl);
  const grpc = createGrpcTransport({
    baseUrl,
    sessionManager,
    interceptors: [
      requestIdInterceptor(),
      actorInterceptor(options.actor),
      retryInterceptor(maxAttempts, options.initialBackoffMs ?? 100),
      ...(options.interceptors ?? []),
    ],
  });
  const transport = withUnaryTimeout(grpc, options.timeoutMs ?? 10_000);
  return {
    interactions: createClient(InteractionService, transport),
    routing: createClient(RoutingService, transport),
    metrics: createClient(MetricsService, transport),
    transport,
    close: () => sessionManager.abort(),
  };
}

/** A transport that applies a default deadline to unary calls only. */
function withUnaryTimeout(transport: Transport, timeoutMs: number): Transport {
  if (timeoutMs <= 0) {
    return transport;
  }
  return {
    unary: (method, signal, callTimeoutMs, header, input, contextValues) =>
      transport.unary(method, signal, callTimeoutMs ?? timeoutMs, header, input, contextValues),
    stream: (method, signal, callTimeoutMs, header, input, contextValues) =>
      transport.stream(method, signal, callTimeoutMs, header, input, contextValues),
  };
}

/** Fills an empty request_id of a unary request with a fresh UUIDv4. */
function requestIdInterceptor(): Interceptor {
  return (next) => async (req) => {
    if (req.stream) {
      return next(req);
    }
    const field = requestIdField(req);
    if (field === undefined) {
      return next(req);
    }
    const message = req.message as Record<string, unknown>;
    if (message[field] !== "") {
      return next(req);
    }
    const filled = { ...message, [field]: randomUUID() } as typeof req.message;
    return next({ ...req, message: filled });
  };
}

/** The local name of the request's string field `request_id`, if it has one. */
function requestIdField(req: UnaryRequest): string | undefined {
  const field = req.method.input.fields.find((f) => f.name === "request_id");
  if (field?.fieldKind !== "scalar" || field.scalar !== ScalarType.STRING) {
    return undefined;
  }
  return field.localName;
}

/** Adds x-frontdesk-actor unless the call set it. */
function actorInterceptor(actor: string | undefined): Interceptor {
  return (next) => async (req) => {
    if (actor !== undefined && actor !== "" && !req.header.has(ACTOR_HEADER)) {
      req.header.set(ACTOR_HEADER, actor);
    }
    return next(req);
  };
}

/** Retries unary calls that fail with UNAVAILABLE, within the call's deadline. */
function retryInterceptor(maxAttempts: number, initialBackoffMs: number): Interceptor {
  return (next) => async (req) => {
    if (req.stream) {
      return next(req);
    }
    let backoffMs = initialBackoffMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await next(req);
      } catch (err) {
        const retryable = err instanceof ConnectError && err.code === Code.Unavailable;
        if (!retryable || attempt >= maxAttempts || req.signal.aborted) {
          throw err;
        }
      }
      // Full jitter keeps many clients from retrying in step after a database outage.
      await sleep(Math.random() * backoffMs, req.signal);
      backoffMs = Math.min(backoffMs * 2, 2000);
    }
  };
}

/** Waits ms milliseconds, or less if signal aborts (the next attempt then fails at once). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done);
  });
}

/** One google.rpc.BadRequest field violation. */
export interface FieldViolation {
  field: string;
  description: string;
}

/** The decoded rich error of a failed call. */
export interface ErrorDetails {
  /** The gRPC status code. */
  code: Code;
  /** The status message as the server sent it. */
  message: string;
  /** BadRequest violations, in the server's order (INVALID_ARGUMENT). */
  fieldViolations: FieldViolation[];
  /** ErrorInfo.reason, e.g. "ETAG_MISMATCH"; "" if none. */
  reason: string;
  /** ErrorInfo.domain, "frontdesk.v1" for this server; "" if none. */
  domain: string;
  /** ErrorInfo.metadata, e.g. { current_state: "RESOLVED" }. */
  metadata: Record<string, string>;
  /** PreconditionFailure violations. */
  preconditionViolations: { type: string; subject: string; description: string }[];
}

/**
 * Decodes the BadRequest, ErrorInfo and PreconditionFailure details of a failed call. Accepts
 * anything thrown by a client call; a non-ConnectError becomes code Unknown with no details.
 */
export function errorDetails(err: unknown): ErrorDetails {
  const error = ConnectError.from(err);
  const infos = error.findDetails(ErrorInfoSchema);
  return {
    code: error.code,
    message: error.rawMessage,
    fieldViolations: error
      .findDetails(BadRequestSchema)
      .flatMap((b) => b.fieldViolations)
      .map((v) => ({ field: v.field, description: v.description })),
    reason: infos[0]?.reason ?? "",
    domain: infos[0]?.domain ?? "",
    metadata: Object.assign({}, ...infos.map((i) => i.metadata)) as Record<string, string>,
    preconditionViolations: error
      .findDetails(PreconditionFailureSchema)
      .flatMap((p) => p.violations)
      .map((v) => ({ type: v.type, subject: v.subject, description: v.description })),
  };
}
