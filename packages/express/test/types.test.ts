import { describe, expectTypeOf, it } from 'vitest';
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { createEcsLogger } from '@ecsctx/core';
import {
  accessLog,
  bindUser,
  createTracedFetch,
  errorLogger,
  expressContext,
  traceHeaders,
  withOutboundTrace,
  type AccessLogOptions,
  type FetchFunction,
  type GetUserId,
  type HeaderSelection,
  type LogWriter,
  type TraceHeaderRecord,
  type UserId,
} from '@ecsctx/express';

describe('public types', () => {
  it('middlewares are Express handlers', () => {
    expectTypeOf(expressContext()).toEqualTypeOf<RequestHandler>();
    expectTypeOf(bindUser(() => undefined)).toEqualTypeOf<RequestHandler>();
    expectTypeOf(accessLog).returns.toEqualTypeOf<RequestHandler>();
    expectTypeOf(errorLogger).returns.toEqualTypeOf<ErrorRequestHandler>();
  });

  it('the access log takes true, false or a list of header names per side', () => {
    expectTypeOf<AccessLogOptions['requestHeaders']>().toEqualTypeOf<HeaderSelection | undefined>();
    expectTypeOf<AccessLogOptions['responseHeaders']>().toEqualTypeOf<HeaderSelection | undefined>();
    expectTypeOf<HeaderSelection>().toEqualTypeOf<boolean | readonly string[]>();
  });

  it('getUserId reads an Express Request and returns an id or nothing', () => {
    expectTypeOf<GetUserId>().parameter(0).toEqualTypeOf<Request>();
    expectTypeOf<GetUserId>().returns.toEqualTypeOf<UserId | null | undefined>();
  });

  it('the preset logger is a LogWriter', () => {
    expectTypeOf(createEcsLogger()).toExtend<LogWriter>();
  });

  it('the traced fetch has the signature of fetch, and the headers are a plain record', () => {
    expectTypeOf(createTracedFetch()).toEqualTypeOf<FetchFunction>();
    expectTypeOf<FetchFunction>().toEqualTypeOf<typeof fetch>();
    expectTypeOf(traceHeaders()).toEqualTypeOf<TraceHeaderRecord>();
    expectTypeOf(withOutboundTrace((headers) => headers.traceparent)).toEqualTypeOf<string | undefined>();
  });
});
