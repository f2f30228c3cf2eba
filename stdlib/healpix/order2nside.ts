/** Exchange between HEALPix order and nside (nside = 2^order). */
import { checkNside, checkOrder } from "./checkNside.js";

/** 2^order for an order from 0 to 29; throws a `RangeError` otherwise. */
export function order2nside(order: number): number {
  checkOrder(order);
  return 2 ** order;
}

/** log2(nside) for a power-of-two nside up to 2^29; throws a `RangeError` otherwise. */
export function nside2order(nside: number): number {
  checkNside(nside, true, "bigint");
  return 31 - Math.clz32(nside);
}
