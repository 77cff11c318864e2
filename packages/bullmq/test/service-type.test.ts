/**
 * `service.name` says the process is a worker once a worker wrapper exists (the seed's
 * SERVICE_TYPE detection), unless the service configured it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { getDetectedServiceType, setDetectedServiceType } from '@ecsctx/core';
import { withLogContext } from '@ecsctx/bullmq';
import { flush, makeLogger } from '../../core/test/support/logger';

afterEach(() => setDetectedServiceType('app'));

describe('service.name', () => {
  it("becomes 'worker' when a processor is wrapped", async () => {
    setDetectedServiceType('app');
    const { logger, capture } = makeLogger();
    logger.info('before');
    withLogContext(async () => undefined);
    logger.info('after');
    await flush(logger);
    expect(capture.records().map((l) => l.service.name)).toEqual(['app', 'worker']);
  });

  it('takes the type the wrapper is given, or stays as it is with serviceType: false', () => {
    setDetectedServiceType('app');
    withLogContext(async () => undefined, { serviceType: false });
    expect(getDetectedServiceType()).toBe('app');
    withLogContext(async () => undefined, { serviceType: 'billing-worker' });
    expect(getDetectedServiceType()).toBe('billing-worker');
  });

  it('keeps SERVICE_TYPE when the service sets it', async () => {
    const { logger, capture } = makeLogger({ env: { PROJECT_NAME: 'shopfront', APP_VERSION: '1.3.0', SERVICE_TYPE: 'payments' } });
    withLogContext(async () => undefined);
    logger.info('configured');
    await flush(logger);
    expect(capture.records()[0].service.name).toBe('payments');
  });
});
