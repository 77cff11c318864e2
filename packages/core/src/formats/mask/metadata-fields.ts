/**
 * The fields ECS (or this library, for `bullmq`) defines below the metadata roots (`url`,
 * `error`, `client`, …), where the mask's key rules are off: their names describe the event,
 * not a person. A key they do not define there (`error.cause.*`, an error's own properties,
 * `bullmq.job.data.*`) is the caller's own data, and ECS's `user` field set nested there
 * (`client.user.*`) describes a person: below either, the key rules apply as anywhere else.
 */
import { ecsFieldTree, type TypeNode, type TypeNodes } from '../../serialize/ecs-leaf-types';
import { LIBRARY_FIELD_TYPES } from '../../ecs/library-fields';

interface MutableNode {
  children?: Record<string, MutableNode>;
}

let libraryTree: TypeNodes | undefined;

function buildLibraryTree(): TypeNodes {
  const root = Object.create(null) as Record<string, MutableNode>;
  for (const path of Object.keys(LIBRARY_FIELD_TYPES)) {
    const parts = path.split('.');
    let level = root;
    for (let i = 0; i < parts.length; i++) {
      const node: MutableNode = (level[parts[i]] ??= {});
      if (i < parts.length - 1) level = node.children ??= Object.create(null) as Record<string, MutableNode>;
    }
  }
  return root as TypeNodes;
}

/** The defined fields below metadata root key `key` (`undefined` when none are known). */
export function metadataFieldsOf(key: string): TypeNodes | undefined {
  const ecs: TypeNode | undefined = ecsFieldTree()[key];
  if (ecs !== undefined) return ecs.children;
  return (libraryTree ??= buildLibraryTree())[key]?.children;
}

/**
 * Below metadata fields `fields`, the fields under `key`: `undefined` when `key` is the
 * caller's own data or a nested `user` field set (the key rules apply from there on).
 */
export function metadataChild(fields: TypeNodes, key: string): TypeNodes | null | undefined {
  if (key === 'user') return undefined;
  const node = fields[key];
  if (node === undefined) return undefined;
  // a defined leaf: nothing below it is named by ECS, and nothing below it turns the rules on
  return node.children ?? null;
}
