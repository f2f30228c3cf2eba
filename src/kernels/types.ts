/**
 * What dflow knows about kernels and product types, as plain JSON-serialisable data: read
 * from TypeScript with ts-morph on a cache miss, from the on-disk cache otherwise.
 */

/** A place in a TypeScript source file (absolute path, offsets and 1-based line/column). */
export interface TsLoc {
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
}

/** Element types of the data model (docs/datamodel.md). */
export type Dtype = "bool" | "u8" | "i16" | "i32" | "i64" | "u16" | "u32" | "u64" | "f32" | "f64" | "str" | `str${number}`;

/** A named axis, with its size when fixed (`diag=11`). */
export interface DimInfo {
  readonly name: string;
  readonly size?: number;
}

/** One column of a table HDU or an ECSV product. */
export interface ColumnInfo {
  readonly name: string;
  readonly dtype: Dtype;
  /** Dims of an array column, without the row axis (`[coeff=10]`). */
  readonly dims: readonly DimInfo[];
  readonly unit?: string;
  readonly doc: string;
  readonly loc: TsLoc;
  /** Declared with `?`: a value may leave the column out, and the file then does not hold it. */
  readonly optional?: boolean;
}

/** One HDU of a FITS product. */
export interface HduInfo {
  /** EXTNAME. */
  readonly name: string;
  /** The TypeScript member that holds it. */
  readonly member: string;
  readonly kind: "image" | "table";
  readonly dtype?: Dtype;
  readonly dims?: readonly DimInfo[];
  readonly unit?: string;
  /** For a table: its `@table` interface's name and columns. */
  readonly tableType?: string;
  readonly columns?: readonly ColumnInfo[];
  /** For a table: the keywords its own header must hold (`@header` on the HDU member); absent when none. */
  readonly header?: readonly HeaderKeyInfo[];
  readonly doc: string;
  readonly loc: TsLoc;
}

/** A required header keyword (`@header KEY type [unit] [- text]`). */
export interface HeaderKeyInfo {
  readonly key: string;
  readonly type: "int" | "float" | "str" | "bool";
  readonly unit?: string;
  readonly doc: string;
}

/** A product type: an exported interface with `@format`. */
export interface ProductTypeInfo {
  readonly name: string;
  /** The module that exports it (`stdlib.datamodel`, or the alias of a user module). */
  readonly module: string;
  readonly format: "fits" | "ecsv" | "json" | "html";
  readonly doc: string;
  readonly header: readonly HeaderKeyInfo[];
  /** FITS: the HDUs in member order. */
  readonly hdus: readonly HduInfo[];
  /** ECSV: the columns; JSON: none. */
  readonly columns: readonly ColumnInfo[];
  /** ECSV: required `meta` keys. */
  readonly meta: readonly HeaderKeyInfo[];
  /** JSON: top-level members with their TypeScript type text; HTML: its one member, the document (`string`). */
  readonly fields: readonly { readonly name: string; readonly tsType: string }[];
  readonly loc: TsLoc;
}

/** One input or output of a kernel. */
export interface PortInfo {
  readonly name: string;
  /** The product type's name (`Frame`), or the TypeScript type text when it is not a product type. */
  readonly type: string;
  /** Whether `type` names a known product type. */
  readonly isProduct: boolean;
  /** `single` (a `Handle<T>` or a `T`), `array` (`readonly Handle<T>[]`), `stream` (`AsyncIterable<Handle<T>>`), `gather` (`Gather<T>`: either). */
  readonly collection: "single" | "array" | "stream" | "gather";
  readonly optional: boolean;
  readonly loc: TsLoc;
}

/** One parameter of a kernel. */
export interface ParamInfo {
  readonly name: string;
  /** `int`, `float`, `date`, `string`, `bool`, `number`, or a union of literals (`"a" | "b"`). */
  readonly type: string;
  readonly unit?: string;
  /** The `@default` value as JSON (absent: the param is required). */
  readonly default?: string | number | boolean;
  readonly optional: boolean;
  readonly doc: string;
  readonly loc: TsLoc;
}

/** A kernel: an exported function of a kernel module. */
export interface KernelInfo {
  /** `calib.fiberflat`: module alias and export name. */
  readonly name: string;
  readonly module: string;
  readonly exportName: string;
  /** `stage` returns outputs; `grid` returns `GridKeys`; `relation` returns `RelationPairs`. */
  readonly kind: "stage" | "grid" | "relation";
  readonly inputs: readonly PortInfo[];
  readonly params: readonly ParamInfo[];
  readonly outputs: readonly PortInfo[];
  readonly async: boolean;
  readonly doc: string;
  /** Absolute paths of the TypeScript files the kernel's module imports, transitively (for fingerprints). */
  readonly importClosure: readonly string[];
  /**
   * The kernel's own dependencies, for change detection per kernel (`kernelDependencies`): the
   * files reached through the imports its statements use, and the hash of the statements of its
   * own file it reaches. Absent in an index read before dflow kept them.
   */
  readonly dependencies?: { readonly files: readonly string[]; readonly declarationHash: string };
  /** Why the function does not follow the kernel contract, if it does not. */
  readonly problems: readonly string[];
  readonly loc: TsLoc;
}

/** A kernel or type module named by an `import`. */
export interface ModuleInfo {
  /** The name kernels are qualified with (`calib`, or the `as` alias). */
  readonly alias: string;
  /** What the import said (`stdlib.calib`, `./kernels`). */
  readonly spec: string;
  /** The module's entry file (its `index.ts`). */
  readonly entry: string;
}

/** Everything read from a set of modules; cached on disk keyed by the sources' content hash. */
export interface KernelIndex {
  /** dflow version + reader version: a new dflow never trusts an old cache. */
  readonly version: string;
  /** SHA-256 over the paths and contents of every TypeScript file read. */
  readonly hash: string;
  readonly modules: readonly ModuleInfo[];
  readonly kernels: readonly KernelInfo[];
  readonly types: readonly ProductTypeInfo[];
  /** Malformed data-model tags and unreadable modules, with where they are. */
  readonly problems: readonly { readonly message: string; readonly loc: TsLoc }[];
}
