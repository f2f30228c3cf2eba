/** The product types of the data model and the example stdlib module, read once per test file. */
import { join } from "node:path";
import { readKernelIndex, resolveModules, type KernelIndex, type ProductTypeInfo } from "../../../src/kernels/index.js";
import { REPO } from "../../kernels/helpers.js";

let cached: Promise<KernelIndex> | undefined;

/** The kernel index of `stdlib.datamodel` and `stdlib.example`. */
export function stdlibIndex(): Promise<KernelIndex> {
  cached ??= (async () => {
    const { modules, problems } = resolveModules(join(REPO, "pipelines/any.dflow"), [{ module: ["stdlib", "example"] }]);
    if (problems.length > 0) throw new Error(JSON.stringify(problems));
    const index = await readKernelIndex(modules);
    if (index.problems.length > 0) throw new Error(JSON.stringify(index.problems));
    return index;
  })();
  return cached;
}

/** The product type `name` (`Frame`, `ExampleSummary`, …). */
export async function productType(name: string): Promise<ProductTypeInfo> {
  const t = (await stdlibIndex()).types.find((x) => x.name === name);
  if (t === undefined) throw new Error(`no product type \`${name}\``);
  return t;
}
