/**
 * `inject` and `namespace` as one step, for the preset: `inject` gathers the fields straight
 * into `namespace`'s placer, so a line builds one object where the two formats in a row build
 * two. The output is the same as `combine(injectContext(o), namespaceFields(o))` (a test
 * compares them on the chain cases and hostile inputs).
 */
import { format, type Format } from 'logform';
import { ContextInjector, type InjectOptions } from './inject-context';
import { compilePlacement, LinePlacer, type NamespaceOptions } from './namespace-fields';
import type { Info } from './info-symbols';

/** Creates the fused `inject` + `namespace` step. */
export function injectAndPlace(options: InjectOptions & NamespaceOptions = {}): Format {
  const injector = new ContextInjector(options);
  const { rootKeys, objectKeys } = compilePlacement(options);
  let idle: LinePlacer | undefined = new LinePlacer(rootKeys, objectKeys);
  const transform = (info: Info): Info => {
    const placer = idle ?? new LinePlacer(rootKeys, objectKeys);
    idle = undefined;
    try {
      return injector.inject(info, placer);
    } finally {
      idle = placer;
    }
  };
  return format((info) => transform(info as unknown as Info) as never)();
}
