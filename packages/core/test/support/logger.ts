import { createEcsLogger, type EcsLoggerOptions } from '@ecsctx/core';
import type { Logger } from 'winston';
import { createCapture, type Capture, type CaptureOptions } from './capture';

/** A real preset logger writing to a capture stream, with a fixed test environment. */
export function makeLogger(options: EcsLoggerOptions = {}, captureOptions: CaptureOptions = {}): { logger: Logger; capture: Capture } {
  const capture = createCapture(captureOptions);
  const logger = createEcsLogger({
    env: { PROJECT_NAME: 'shopfront', APP_VERSION: '1.3.0' },
    level: 'silly',
    ...options,
    stream: capture.stream,
  });
  return { logger, capture };
}

/** Waits until the logger has flushed what it was given. */
export function flush(logger: Logger): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve)).then(async () => {
    for (let i = 0; i < 200 && (logger.writableLength > 0 || logger.readableLength > 0); i++) {
      await new Promise((r) => setTimeout(r, 5));
    }
  });
}
