/**
 * Low-touch capture on a flow producer: every node of a flow (the parent and all its
 * children, at any depth) carries the logging context and trace of the code that added it.
 * With a `telemetry` (bullmq-otel), BullMQ's flow spans continue the root's trace
 * (`telemetry-parent.ts`).
 */
import { FlowProducer, type FlowJob, type FlowOpts, type JobNode } from 'bullmq';
import { optionsWithCarrier, safeSnapshotFields } from './capture-log-context';
import type { CapturedFields } from './carrier';
import { firstTracedOptions, runWithTelemetryParent, telemetryOf } from './telemetry-parent';

/** The shape of a flow node as far as capture is concerned. */
interface FlowNodeLike {
  readonly opts?: object;
  readonly children?: readonly FlowNodeLike[];
}

/** What {@link instrumentFlowProducer} needs of a flow producer. */
export interface FlowProducerLike {
  add(flow: FlowJob, opts?: FlowOpts): Promise<JobNode>;
  addBulk(flows: FlowJob[]): Promise<JobNode[]>;
}

const INSTRUMENTED = Symbol.for('ecsctx.bullmq.instrumented.v1');

/** A copy of `node` whose every node's options carry a carrier (one snapshot of the fields, a new span per node). */
function flowWithCarriers<N extends FlowNodeLike>(node: N, fields: CapturedFields | undefined = safeSnapshotFields()): N {
  const out: { opts?: object; children?: readonly FlowNodeLike[] } = { ...node, opts: optionsWithCarrier(node.opts, fields) };
  if (Array.isArray(node.children)) out.children = node.children.map((child: FlowNodeLike) => flowWithCarriers(child, fields));
  return out as N;
}

/**
 * A BullMQ `FlowProducer` whose `add` and `addBulk` attach the current logging context and
 * trace to every job of the flow. Drop-in: same constructor, same types.
 *
 * @example
 * const flows = new LogContextFlowProducer({ connection });
 * await flows.add({ name: 'render', queueName: 'video', children: [{ name: 'transcode', queueName: 'video' }] });
 */
export class LogContextFlowProducer extends FlowProducer {
  /** Adds a flow whose every job carries the caller's logging context and trace. */
  override add(flow: FlowJob, opts?: FlowOpts): Promise<JobNode> {
    const withCarriers = flowWithCarriers(flow);
    return runWithTelemetryParent(this.opts.telemetry, withCarriers.opts, () => super.add(withCarriers, opts));
  }

  /** Adds flows whose every job carries the caller's logging context and trace. */
  override addBulk(flows: FlowJob[]): Promise<JobNode[]> {
    const fields = safeSnapshotFields();
    const withCarriers = flows.map((flow) => flowWithCarriers(flow, fields));
    return runWithTelemetryParent(this.opts.telemetry, firstTracedOptions(withCarriers), () => super.addBulk(withCarriers));
  }
}

/**
 * Makes an existing flow producer capture like {@link LogContextFlowProducer}. Only this
 * instance changes; calling it again is a no-op. Returns the same producer.
 */
export function instrumentFlowProducer<P extends FlowProducerLike>(producer: P): P {
  const target = producer as P & { [INSTRUMENTED]?: true };
  if (producer instanceof LogContextFlowProducer || target[INSTRUMENTED]) return producer;
  const add = producer.add;
  const addBulk = producer.addBulk;
  Object.defineProperties(producer, {
    add: {
      value: function (this: FlowProducerLike, flow: FlowJob, opts?: FlowOpts): Promise<JobNode> {
        const withCarriers = flowWithCarriers(flow);
        return runWithTelemetryParent(telemetryOf(this), withCarriers.opts, () => add.call(this, withCarriers, opts));
      },
      writable: true,
      configurable: true,
    },
    addBulk: {
      value: function (this: FlowProducerLike, flows: FlowJob[]): Promise<JobNode[]> {
        const fields = safeSnapshotFields();
        const withCarriers = flows.map((flow) => flowWithCarriers(flow, fields));
        return runWithTelemetryParent(telemetryOf(this), firstTracedOptions(withCarriers), () => addBulk.call(this, withCarriers));
      },
      writable: true,
      configurable: true,
    },
    [INSTRUMENTED]: { value: true },
  });
  return producer;
}
