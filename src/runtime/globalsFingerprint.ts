/** One own property of an object as it was: its value, getter and setter (never read through a getter). */
type Slot = readonly [value: unknown, get: unknown, set: unknown];

/** The globals a kernel could change for every later kernel of its process, as they were. */
export interface Globals {
  readonly objects: readonly (readonly [name: string, object: object, slots: ReadonlyMap<PropertyKey, Slot>])[];
  readonly env: ReadonlyMap<string, string | undefined>;
}

/** The objects watched, by name: the global object, JSON, Math, Reflect, and the common constructors with their prototypes. */
function watched(): [string, object][] {
  const ctors: [string, { prototype: object }][] = [
    ["Object", Object],
    ["Array", Array],
    ["String", String],
    ["Number", Number],
    ["Promise", Promise],
    ["Function", Function],
  ];
  return [
    ["globalThis", globalThis],
    ["JSON", JSON],
    ["Math", Math],
    ["Reflect", Reflect],
    ...ctors.flatMap(([n, c]): [string, object][] => [
      [n, c],
      [`${n}.prototype`, c.prototype],
    ]),
  ];
}

function slotsOf(o: object): Map<PropertyKey, Slot> {
  const m = new Map<PropertyKey, Slot>();
  for (const k of Reflect.ownKeys(o)) {
    const d = Reflect.getOwnPropertyDescriptor(o, k)!;
    m.set(k, [d.value, d.get, d.set]);
  }
  return m;
}

/** The globals of this process now (taken when a task process starts). */
export function globalsNow(): Globals {
  return { objects: watched().map(([n, o]) => [n, o, slotsOf(o)] as const), env: new Map(Object.entries(process.env)) };
}

/**
 * What differs from `base` in the globals of this process, in words (the first difference
 * found), or undefined: a property added, deleted or given another value, getter or setter, an
 * environment variable set, changed or removed. Costs tens of microseconds.
 */
export function globalsChanged(base: Globals): string | undefined {
  for (const [name, o, slots] of base.objects) {
    const keys = Reflect.ownKeys(o);
    for (const k of keys) {
      const d = Reflect.getOwnPropertyDescriptor(o, k)!;
      const at = `\`${name === "globalThis" ? "" : name + "."}${String(k)}\``;
      const was = slots.get(k);
      if (was === undefined) return `a new ${at}`;
      if (Object.is(d.value, was[0]) && d.get === was[1] && d.set === was[2]) continue;
      // A global node defines lazily becomes a plain value when first read: the value its getter gives.
      if (typeof was[1] === "function" && d.get === undefined && Object.is(d.value, (was[1] as () => unknown).call(o))) continue;
      return `a changed ${at}`;
    }
    if (keys.length !== slots.size) return `a deleted property of \`${name}\``;
  }
  const env = Object.entries(process.env);
  for (const [k, v] of env) if (base.env.get(k) !== v) return `a changed environment variable \`${k}\``;
  if (env.length !== base.env.size) return "a removed environment variable";
  return undefined;
}
