/** Express 5 (`express`) and Express 4 (`express4`, an npm alias): every suite runs against both. */
import { createRequire } from 'node:module';
import express5 from 'express';

export type ExpressFactory = typeof express5;

const require = createRequire(import.meta.url);

export const EXPRESS_VERSIONS: [string, ExpressFactory][] = [
  ['express5', express5],
  ['express4', require('express4') as ExpressFactory],
];
