// Each chain step's share of the time: the steps run one after another on the same events,
// called directly (no winston around them), each timed on its own.
import { createRequire } from 'node:module';
import { LEVEL } from 'triple-beam';
import core from '@ecsctx/core';

const { injectContext, namespaceFields, maskPii, validateEcs, renderEcs, ecsFormat } = core;
// the capture a logger's patched log call makes (internal: no entry exports it)
const require = createRequire(import.meta.url);
const { captureCall, CAPTURED_CALL } = require(require.resolve('@ecsctx/core').replace(/index\.js$/, 'formats/captured-call.js'));

export function measureChainSteps(makeEvent, lines) {
  const steps = [
    ['inject', injectContext({ env: { PROJECT_NAME: 'bench' } })],
    ['namespace', namespaceFields({ env: {} })],
    ['mask', maskPii({ env: {} })],
    ['validate', validateEcs()],
    ['ecs', renderEcs({ loggerName: 'bench' })],
  ];
  const spent = new Array(steps.length).fill(0);
  for (let i = 0; i < lines; i++) {
    const e = makeEvent(i);
    let info = { level: 'info', message: e.message, ...e.meta, [LEVEL]: 'info' };
    info[CAPTURED_CALL] = captureCall();
    for (let s = 0; s < steps.length; s++) {
      const t0 = process.hrtime.bigint();
      info = steps[s][1].transform(info, steps[s][1].options);
      spent[s] += Number(process.hrtime.bigint() - t0);
    }
  }
  const total = spent.reduce((a, b) => a + b, 0);
  return steps.map(([name], s) => ({ step: name, nsPerLine: spent[s] / lines, share: spent[s] / total }));
}

/** The preset's one-pass format (lineOnly), called directly on the same events: ns per line. */
export function measureOnePass(makeEvent, lines) {
  const format = ecsFormat({ env: { PROJECT_NAME: 'bench' }, loggerName: 'bench', lineOnly: true });
  let spent = 0;
  for (let i = 0; i < lines; i++) {
    const e = makeEvent(i);
    const info = { level: 'info', message: e.message, ...e.meta, [LEVEL]: 'info' };
    info[CAPTURED_CALL] = captureCall();
    const t0 = process.hrtime.bigint();
    format.transform(info, format.options);
    spent += Number(process.hrtime.bigint() - t0);
  }
  return spent / lines;
}
