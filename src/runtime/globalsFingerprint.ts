/** One own property of an object as it was: its value, getter and setter (never read through a getter). */
type Slot = readonly [value: unknown, get: unknown, set: unknown];

/** The globals a kernel could change for every later kernel of its process, as they were. */
export interface Globals {
  readonly objects: readonly (readonly [name: string, object: object, slots: ReadonlyMap<PropertyKey, Slot>])[];
  readonly env: ReadonlyMap<string, string | undefined>;
  /** How many writes to `process.env` had been made when these globals were taken. */
  readonly envWrites: number;
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

// Reading every environment variable costs ~10 µs each (the environment is not a plain object), so
// `process.env` is watched through a proxy that counts its writes: the variables are compared only
// when something wrote to them since the baseline.
let envWrites = 0;
let envProxy: NodeJS.ProcessEnv | undefined;
/** For a baseline, the count of writes at which the environment was last found as it was. */
const cleanAt = new WeakMap<Globals, number>();

/** The environment behind a proxy that counts writes, installed once per process. */
function watchedEnv(): NodeJS.ProcessEnv {
  if (envProxy === undefined) {
    const counted =
      <A extends unknown[]>(f: (...a: A) => boolean) =>
      (...a: A): boolean => {
        envWrites++;
        return f(...a);
      };
    envProxy = new Proxy(process.env, {
      set: counted((t: NodeJS.ProcessEnv, k: string | symbol, v: unknown) => Reflect.set(t, k, v)),
      deleteProperty: counted((t: NodeJS.ProcessEnv, k: string | symbol) => Reflect.deleteProperty(t, k)),
      defineProperty: counted((t: NodeJS.ProcessEnv, k: string | symbol, d: PropertyDescriptor) => Reflect.defineProperty(t, k, d)),
    });
    process.env = envProxy;
  }
  return envProxy;
}

/** The globals of this process now (taken when a task process starts). */
export function globalsNow(): Globals {
  const env = watchedEnv();
  return { objects: watched().map(([n, o]) => [n, o, slotsOf(o)] as const), env: new Map(Object.entries(env)), envWrites };
}

/**
 * What differs from `base` in the globals of this process, in words (the first difference
 * found), or undefined: a property added, deleted or given another value, getter or setter, an
 * environment variable set, changed or removed, `process.env` replaced. Costs ~0.1 ms.
 */
export function globalsChanged(base: Globals): string | undefined {
  for (const [name, o, slots] of base.objects) {
    const keys = Reflect.ownKeys(o);
    const at = (k: PropertyKey): string => `\`${name === "globalThis" ? "" : name + "."}${String(k)}\``;
    for (const k of keys) {
      const d = Reflect.getOwnPropertyDescriptor(o, k)!;
      const was = slots.get(k);
      if (was === undefined) return `a new ${at(k)}`;
      if (Object.is(d.value, was[0]) && d.get === was[1] && d.set === was[2]) continue;
      // A global node defines lazily becomes a plain value when first read: the value its getter gives.
      if (typeof was[1] === "function" && d.get === undefined && Object.is(d.value, (was[1] as () => unknown).call(o))) continue;
      return `a changed ${at(k)}`;
    }
    if (keys.length !== slots.size) return `a deleted property of \`${name}\``;
  }
  if (process.env !== envProxy) return "a replaced `process.env`";
  if (envWrites === (cleanAt.get(base) ?? base.envWrites)) return undefined;
  const env = Object.entries(process.env);
  for (const [k, v] of env) if (base.env.get(k) !== v) return `a changed environment variable \`${k}\``;
  if (env.length !== base.env.size) return "a removed environment variable";
  // Writes that left every variable as it was: not compared again until the next write.
  cleanAt.set(base, envWrites);
  return undefined;
}
