import type * as A from "../../syntax/ast.js";
import type { KernelInfo, ParamInfo, PortInfo } from "../../kernels/types.js";
import { suggest } from "../../util/suggest.js";
import type { CheckContext } from "../CheckContext.js";
import { typeDifference } from "../compareTypes.js";
import { portName, stageParts, typeRefName } from "../Scope.js";
import { parseUnit } from "../../units/index.js";

/**
 * Every kernel a pipeline binds exists and has the signature its use declares (docs/conventions.md#kernel-contract):
 * a stage binds a stage kernel (DF3020, DF3026); the stage's inputs and outputs are the
 * kernel's by name (DF3021, DF3024), gathers where the kernel takes arrays or async iterables
 * and single products where it takes one handle (DF3023), with compatible product types
 * (DF3022); stage params are kernel params of the right type, and required ones are given
 * (DF3025); quantities have the param's unit dimension (DF3040). Grid and relation kernels
 * are checked the same way for their arguments. Messages point at both places: the `.dflow`
 * line and the TypeScript declaration. Silent when the kernel index could not be read.
 */
export function KernelSignatureRule(ctx: CheckContext): void {
  if (ctx.index === undefined) return;
  for (const stage of ctx.scope.stages.values()) checkStage(ctx, stage);
  for (const grid of ctx.scope.grids.values()) {
    if (grid.domain.kind === "KernelDomain") checkCall(ctx, grid.domain.call, "grid", `grid \`${grid.name.value}\``);
    if (grid.envelope?.kind === "KernelDomain") checkCall(ctx, grid.envelope.call, "grid", `the envelope of grid \`${grid.name.value}\``);
  }
  for (const rel of ctx.scope.relations.values()) {
    if (rel.source.kind === "KernelCall") checkCall(ctx, rel.source, "relation", `relation \`${rel.name.value}\``);
  }
}

function qname(q: A.QualifiedNameNode): string {
  return q.parts.map((p) => p.value).join(".");
}

/** Finds the kernel a name refers to, reporting DF3020 when there is none. */
function lookup(ctx: CheckContext, q: A.QualifiedNameNode): KernelInfo | undefined {
  const name = qname(q);
  const k = ctx.kernels.get(name);
  if (k !== undefined) {
    ctx.names.use(q.loc, ctx.names.external("kernel", k.name, k.loc));
    return k;
  }
  const mod = q.parts[0]?.value ?? "";
  // KnownNamesRule reports unknown aliases; the driver reports modules that could not be loaded.
  if (q.parts.length < 2 || !ctx.scope.imports.has(mod) || !(ctx.index?.modules ?? []).some((m) => m.alias === mod)) return undefined;
  const inModule = [...ctx.kernels.values()].filter((x) => x.module === mod).map((x) => x.exportName);
  ctx.report(
    "DF3020",
    `Module \`${mod}\` has no kernel \`${q.parts
      .slice(1)
      .map((p) => p.value)
      .join(".")}\`.`,
    q.loc,
    {
      label: "no such kernel",
      suggestions: suggest(q.parts[q.parts.length - 1]?.value ?? "", inModule).map((s) => `${mod}.${s}`),
      ...(inModule.length > 0 ? {} : { help: `module \`${mod}\` exports no kernels` }),
    },
  );
  return undefined;
}

function kindCheck(ctx: CheckContext, k: KernelInfo, want: KernelInfo["kind"], at: A.QualifiedNameNode, use: string): boolean {
  const here = { span: ctx.tsSpan(k.loc), message: `\`${k.exportName}\` declared here` };
  if (k.problems.length > 0) {
    ctx.report("DF3026", `\`${k.name}\` is not a kernel: ${k.problems[0]}`, at.loc, { label: "not a kernel", secondary: [here], notes: k.problems.slice(1) });
    return false;
  }
  if (k.kind !== want) {
    const what = {
      stage: "a stage kernel (it returns outputs)",
      grid: "a grid kernel (it returns `GridKeys`)",
      relation: "a relation kernel (it returns `RelationPairs`)",
    };
    ctx.report("DF3026", `\`${k.name}\` is ${what[k.kind]}, but ${use} needs ${what[want].replace(/ \(.*\)$/, "")}.`, at.loc, {
      label: `${k.kind} kernel`,
      secondary: [here],
    });
    return false;
  }
  return true;
}

function portSpan(ctx: CheckContext, p: PortInfo | ParamInfo, k: KernelInfo): { span: ReturnType<CheckContext["tsSpan"]>; message: string } {
  return { span: ctx.tsSpan(p.loc), message: `declared in \`${k.name}\` here` };
}

function checkStage(ctx: CheckContext, stage: A.StageNode): void {
  const parts = stageParts(stage);
  if (stage.items.some((i) => i.kind === "Run")) return; // a program stage: ProgramStageRule
  if (parts.kernel === undefined) {
    ctx.report("DF3020", `Stage \`${stage.name.value}\` binds no kernel.`, stage.name.loc, {
      label: "no `kernel` line",
      help: 'add `kernel module.function` to the stage, or run a program: `run "prog" "--in" {input} "--out" {output}`',
    });
    return;
  }
  const k = lookup(ctx, parts.kernel.kernel);
  if (k === undefined || !kindCheck(ctx, k, "stage", parts.kernel.kernel, `stage \`${stage.name.value}\``)) return;
  const kernelHere = { span: ctx.tsSpan(k.loc), message: `\`${k.name}\` declared here` };

  for (const input of parts.inputs) {
    const name = portName(input);
    const at = input.name?.loc ?? input.ref.product.loc;
    const port = k.inputs.find((p) => p.name === name);
    if (port === undefined) {
      ctx.report("DF3021", `Kernel \`${k.name}\` has no input \`${name}\`.`, at, {
        label: "not a kernel input",
        secondary: [kernelHere],
        suggestions: suggest(
          name,
          k.inputs.map((p) => p.name),
        ),
        help:
          k.inputs.length > 0
            ? `its inputs are ${k.inputs.map((p) => "`" + p.name + "`").join(", ")}; name the input with \`in NAME: ${input.ref.product.value}[…]\``
            : "the kernel takes no inputs",
      });
      continue;
    }
    const gathered = input.gather !== undefined;
    if (gathered !== (port.collection !== "single")) {
      ctx.report(
        "DF3023",
        gathered
          ? `Input \`${name}\` is a gather, but kernel \`${k.name}\` takes one \`Handle<${port.type}>\`.`
          : `Kernel \`${k.name}\` takes input \`${name}\` as a collection of \`${port.type}\`, but the stage gives one product.`,
        at,
        {
          label: gathered ? "a gather" : "one product",
          secondary: [portSpan(ctx, port, k)],
          help: gathered
            ? "declare the input as `readonly Handle<T>[]`, `AsyncIterable<Handle<T>>` or `Gather<T>`"
            : "gather it (`… for x in grid`) or declare the input as `Handle<T>`",
        },
      );
    }
    checkPortType(ctx, input.ref.product.value, port, k, at, "reads");
  }
  for (const port of k.inputs) {
    if (port.optional || parts.inputs.some((i) => portName(i) === port.name)) continue;
    ctx.report("DF3021", `Stage \`${stage.name.value}\` does not give kernel input \`${port.name}\`.`, parts.kernel.loc, {
      label: `\`${k.name}\` needs \`${port.name}\``,
      secondary: [portSpan(ctx, port, k)],
      help: `add \`in ${port.name}: PRODUCT[…]\` to the stage, or make the input optional in the kernel`,
    });
  }
  for (const output of parts.outputs) {
    const name = portName(output);
    const at = output.name?.loc ?? output.ref.product.loc;
    const port = k.outputs.find((p) => p.name === name);
    if (port === undefined) {
      ctx.report("DF3024", `Kernel \`${k.name}\` returns no output \`${name}\`.`, at, {
        label: "not returned by the kernel",
        secondary: [kernelHere],
        suggestions: suggest(
          name,
          k.outputs.map((p) => p.name),
        ),
      });
      continue;
    }
    checkPortType(ctx, output.ref.product.value, port, k, at, "writes");
  }
  for (const port of k.outputs) {
    if (parts.outputs.some((o) => portName(o) === port.name)) continue;
    ctx.report("DF3024", `Kernel \`${k.name}\` returns \`${port.name}\`, but stage \`${stage.name.value}\` declares no such output.`, parts.kernel.loc, {
      label: "output not declared",
      secondary: [portSpan(ctx, port, k)],
      help: `add \`out ${port.name}: PRODUCT[…]\` to the stage`,
    });
  }
  checkParams(
    ctx,
    k,
    parts.params.map((p) => ({ name: p.name, value: p.value })),
    parts.kernel.loc,
  );
}

function checkPortType(ctx: CheckContext, productName: string, port: PortInfo, k: KernelInfo, at: A.NameNode["loc"], verb: "reads" | "writes"): void {
  const product = ctx.scope.products.get(productName);
  if (product === undefined || !port.isProduct) return;
  const declared = ctx.types.get(typeRefName(product.type));
  const kernelType = ctx.types.get(port.type);
  if (declared === undefined || kernelType === undefined) return;
  const diff = verb === "reads" ? typeDifference(declared, kernelType, ctx.sameUnit) : typeDifference(kernelType, declared, ctx.sameUnit);
  if (diff === undefined) return;
  ctx.report(
    "DF3022",
    `Kernel \`${k.name}\` ${verb} \`${port.name}\` as \`${port.type}\`, but product \`${productName}\` is a \`${declared.name}\`: ${diff.message}.`,
    at,
    {
      label: `a \`${declared.name}\``,
      secondary: [portSpan(ctx, port, k), { span: ctx.tsSpan(diff.loc), message: "the difference" }],
    },
  );
}

function checkParams(ctx: CheckContext, k: KernelInfo, given: readonly { name: A.NameNode; value: A.ExprNode }[], at: A.NameNode["loc"]): void {
  for (const g of given) {
    const p = k.params.find((x) => x.name === g.name.value);
    if (p === undefined) {
      ctx.report("DF3025", `Kernel \`${k.name}\` has no parameter \`${g.name.value}\`.`, g.name.loc, {
        label: "not a kernel parameter",
        secondary: [{ span: ctx.tsSpan(k.loc), message: `\`${k.name}\` declared here` }],
        suggestions: suggest(
          g.name.value,
          k.params.map((x) => x.name),
        ),
      });
      continue;
    }
    const problem = valueProblem(ctx, p, g.value);
    if (problem !== undefined) {
      ctx.report(problem.code, `Parameter \`${p.name}\` of \`${k.name}\` ${problem.message}`, g.value.loc, {
        label: problem.label,
        secondary: [portSpan(ctx, p, k)],
      });
    }
  }
  for (const p of k.params) {
    if (p.optional || p.default !== undefined || given.some((g) => g.name.value === p.name)) continue;
    ctx.report("DF3025", `Kernel \`${k.name}\` needs parameter \`${p.name}\` (${p.type}), which is not given.`, at, {
      label: `\`${p.name}\` missing`,
      secondary: [portSpan(ctx, p, k)],
      help: `add \`param ${p.name} = …\``,
    });
  }
}

type ValueProblem = { code: "DF3025" | "DF3040"; message: string; label: string };

/** What is wrong with `e` as a value of `p`, if anything. Params referenced by name are checked by their declared type. */
function valueProblem(ctx: CheckContext, p: ParamInfo, e: A.ExprNode): ValueProblem | undefined {
  const lit = e.kind === "Unary" && e.op === "-" ? e.operand : e;
  let kind: string;
  switch (lit.kind) {
    case "Number":
      kind = /^\d+$/.test(lit.raw) ? "int" : "float";
      break;
    case "String":
      kind = "string";
      break;
    case "Bool":
      kind = "bool";
      break;
    case "Quantity":
      kind = "quantity";
      break;
    case "Ref": {
      const param = ctx.scope.params.get(lit.name.value);
      const t = param?.type?.name.parts.map((x) => x.value).join(".");
      if (t === undefined) return undefined;
      kind = t === "duration" || t === "size" ? "quantity" : t;
      break;
    }
    default:
      return undefined;
  }
  const t = p.type;
  if (kind === "quantity") {
    if (lit.kind !== "Quantity") return undefined;
    if (p.unit === undefined) return { code: "DF3040", message: `takes a plain ${t}, not a quantity with a unit.`, label: `\`${lit.unit}\` given` };
    const a = parseUnit(lit.unit);
    const b = parseUnit(p.unit);
    if (!a.ok) return { code: "DF3040", message: `is given an unknown unit: ${a.message}`, label: "unknown unit" };
    if (b.ok && JSON.stringify(a.unit.dims) !== JSON.stringify(b.unit.dims))
      return { code: "DF3040", message: `is in \`${p.unit}\`, which \`${lit.unit}\` cannot be converted to.`, label: `\`${lit.unit}\`` };
    return undefined;
  }
  const ok =
    t === kind ||
    (t === "float" && kind === "int") ||
    (t === "number" && (kind === "int" || kind === "float")) ||
    (t === "date" && kind === "int") ||
    (t.includes('"') &&
      kind === "string" &&
      lit.kind === "String" &&
      t
        .split("|")
        .map((s) => s.trim())
        .includes(JSON.stringify(lit.value)));
  if (ok) return undefined;
  if (t.includes('"') && lit.kind === "String")
    return { code: "DF3025", message: `is one of ${t}, not ${JSON.stringify(lit.value)}.`, label: "not an allowed value" };
  return {
    code: "DF3025",
    message: `is a${/^[aeiou]/.test(t) ? "n" : ""} ${t}, but this value is a${/^[aeiou]/.test(kind) ? "n" : ""} ${kind}.`,
    label: `a${/^[aeiou]/.test(kind) ? "n" : ""} ${kind}`,
  };
}

function checkCall(ctx: CheckContext, call: A.KernelCallNode, want: "grid" | "relation", use: string): void {
  const k = lookup(ctx, call.kernel);
  if (k === undefined || !kindCheck(ctx, k, want, call.kernel, use)) return;
  const positional = call.args.filter((a) => a.name === undefined);
  if (positional.length !== k.inputs.filter((i) => !i.optional).length && positional.length !== k.inputs.length) {
    ctx.report(
      "DF3021",
      `Kernel \`${k.name}\` takes ${k.inputs.length} product${k.inputs.length === 1 ? "" : "s"} (${k.inputs.map((i) => "`" + i.name + "`").join(", ")}), but ${positional.length} ${positional.length === 1 ? "is" : "are"} given.`,
      call.loc,
      {
        label: "wrong number of products",
        secondary: [{ span: ctx.tsSpan(k.loc), message: `\`${k.name}\` declared here` }],
      },
    );
  } else {
    positional.forEach((a, i) => {
      const port = k.inputs[i];
      if (port !== undefined && a.value.kind === "Ref") checkPortType(ctx, a.value.name.value, port, k, a.value.loc, "reads");
    });
  }
  checkParams(
    ctx,
    k,
    call.args.filter((a): a is A.ArgumentNode & { name: A.NameNode } => a.name !== undefined).map((a) => ({ name: a.name, value: a.value })),
    call.kernel.loc,
  );
}
