/**
 * `inject` and `namespace` as one step, for the preset: `inject` gathers the fields straight
 * into `namespace`'s placer, so a line builds one object where the two formats in a row build
 * two. The output is the same as `combine(injectContext(o), namespaceFields(o))` (a test
 * compares them on the chain cases and hostile inputs).
 */
import type { Format } from 'logform';
import { formatWithReusableState } from './reusable-format';
import { ContextInjector, type InjectOptions } from './inject-context';
import { compilePlacement, LinePlacer, type NamespaceOptions } from './namespace-fields';

/** Creates the fused `inject` + `namespace` step. */
export function injectAndPlace(options: InjectOptions & NamespaceOptions = {}): Format {
  const injector = new ContextInjector(options);
  const { rootKeys, objectKeys } = compilePlacement(options);
  return formatWithReusableState(
    () => new LinePlacer(rootKeys, objectKeys),
    (info, placer) => injector.inject(info, placer),
  );
}
