import { it } from 'vitest';
import { Writable } from 'node:stream';
import { createEcsLogger, resetPii } from '@ecsctx/core';
import { flush } from '../support/logger';
const fill = (u: string, n: number) => u.repeat(Math.ceil(n / u.length)).slice(0, n);
it('prof', async () => {
  resetPii();
  let bytes = 0;
  const stream = new Writable({ write(chunk, _e, cb) { bytes += chunk.length; cb(); } });
  const logger = createEcsLogger({ env: { PROJECT_NAME: 'p', APP_VERSION: '1' }, stream, limits: { maxLineBytes: 8 << 20, maxStringLength: 4 << 20 } });
  for (const [name, u] of [['plain', 'hello world '], ['b64', 'AbC-_9'], ['a@', 'a@']] as const) {
    for (const n of [102400, 1048576, 102400, 1048576]) {
      const s = fill(u, n);
      let bestL = Infinity;
      for (let r = 0; r < 7; r++) { const t = performance.now(); logger.info('x', { note: s }); bestL = Math.min(bestL, performance.now() - t); await flush(logger); }
      let bestM = Infinity;
      for (let r = 0; r < 7; r++) { const t = performance.now(); logger.info(s); bestM = Math.min(bestM, performance.now() - t); await flush(logger); }
      console.log(name, n, 'field', bestL.toFixed(2), 'message', bestM.toFixed(2), bytes);
    }
  }
}, 120000);
