/**
 * The DESI data model as TypeScript: one exported interface per product type (`@format`)
 * and per table (`@table`), with the JSDoc tags of docs/datamodel.md. The checker reads these
 * declarations with ts-morph; kernels receive and return values of exactly these interfaces.
 */
export type { Header, Image, NumericArray } from "./values.js";
export { image } from "./values.js";

// Products.
export type { CFrame } from "./CFrame.js";
export type { Coadd } from "./Coadd.js";
export type { ExposureList } from "./ExposureList.js";
export type { FiberFlat } from "./FiberFlat.js";
export type { Fibermap } from "./Fibermap.js";
export type { FluxCalib } from "./FluxCalib.js";
export type { Frame } from "./Frame.js";
export type { Redrock } from "./Redrock.js";
export type { SimSpec } from "./SimSpec.js";
export type { Sky } from "./Sky.js";
export type { Spectra } from "./Spectra.js";
export type { StdStars } from "./StdStars.js";
export type { Targets } from "./Targets.js";
export type { TileTable } from "./TileTable.js";
export type { Truth } from "./Truth.js";
export type { ZCatalog } from "./ZCatalog.js";

// Tables, the HDUs of the products.
export type { CFrameScoresTable } from "./CFrameScoresTable.js";
export type { FrameScoresTable } from "./FrameScoresTable.js";
export type { CoaddFibermapTable } from "./CoaddFibermapTable.js";
export type { CoaddScoresTable } from "./CoaddScoresTable.js";
export type { ExpFibermapTable } from "./ExpFibermapTable.js";
export type { FibermapTable } from "./FibermapTable.js";
export type { RedshiftsTable } from "./RedshiftsTable.js";
export type { SpectraFibermapTable } from "./SpectraFibermapTable.js";
export type { SpectraScoresTable } from "./SpectraScoresTable.js";
export type { StdStarsMetadataTable } from "./StdStarsMetadataTable.js";
export type { TargetsTable } from "./TargetsTable.js";
export type { TruthTable } from "./TruthTable.js";
export type { Tsnr2Table } from "./Tsnr2Table.js";
export type { ZCatalogTable } from "./ZCatalogTable.js";
