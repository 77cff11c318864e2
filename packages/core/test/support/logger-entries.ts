/**
 * The ways a user builds an ECS logger, each writing to a given stream: the ready logger, the
 * preset in a user's own winston logger, and the five formats combined by hand. Tests that
 * promise something of every entry point run over all of them.
 */
import winston, { type Logger } from 'winston';
import { captureLoggingContext, createEcsLogger, ecsFormat, injectContext, maskPii, namespaceFields, renderEcs, validateEcs } from '@ecsctx/core';

/** One entry point: its name and how it makes a logger writing to `stream`. */
export interface LoggerEntry {
  name: string;
  make(stream: NodeJS.WritableStream): Logger;
}

const ENV = { PROJECT_NAME: 'shop' };

/** Every entry point, each at level `silly`. */
export const LOGGER_ENTRIES: readonly LoggerEntry[] = [
  { name: 'createEcsLogger', make: (stream) => createEcsLogger({ env: ENV, level: 'silly', stream }) },
  {
    name: 'ecsFormat in a user logger',
    make: (stream) => captureLoggingContext(winston.createLogger({ level: 'silly', format: ecsFormat({ env: ENV }), transports: [new winston.transports.Stream({ stream })] })),
  },
  {
    name: 'five formats combined by hand',
    make: (stream) =>
      captureLoggingContext(
        winston.createLogger({
          level: 'silly',
          format: winston.format.combine(injectContext({ env: ENV }), namespaceFields({ env: ENV }), maskPii({ env: ENV }), validateEcs(), renderEcs()),
          transports: [new winston.transports.Stream({ stream })],
        }),
      ),
  },
];
