// TypeDoc plugin for the API reference: leaves out the members a class or interface inherits
// from another package (LogContextQueue's hundreds of BullMQ Queue members, Error's stack
// helpers), keeping what this repository declares or overrides, what it inherits from its
// own types, and constructors (how to make one).
import { Converter, ReflectionKind } from 'typedoc';

const KEPT_KINDS = ReflectionKind.Constructor | ReflectionKind.ConstructorSignature;

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    const project = context.project;
    for (const reflection of Object.values(project.reflections)) {
      if (reflection.inheritedFrom === undefined || reflection.kindOf(KEPT_KINDS)) continue;
      const declaredIn = project.getSymbolIdFromReflection(reflection)?.fileName ?? '';
      if (/[\\/]node_modules[\\/]/.test(declaredIn)) project.removeReflection(reflection);
    }
  });
}
