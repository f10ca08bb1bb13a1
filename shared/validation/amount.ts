// Money in requests (整数分): whole fen, within what a retail bank books in one line. The cap keeps every
// sum of amounts a safe integer and turns a typo of many zeros into a 400 instead of a record.
import * as z from 'zod';

/** ¥10 billion (100 亿元) in fen. */
export const MAX_AMOUNT_FEN = 1_000_000_000_000;
const TOO_LARGE = `must be at most ${MAX_AMOUNT_FEN} fen (¥10 billion)`;

const wholeFen = () => z.number('must be a number of fen').int('must be a whole number of fen');

/** An amount of 1 fen or more. */
export const AmountFen = wholeFen().min(1, 'must be at least 1 fen').max(MAX_AMOUNT_FEN, TOO_LARGE);
/** A balance: 0 or more. */
export const BalanceFen = wholeFen().min(0, 'must not be negative').max(MAX_AMOUNT_FEN, TOO_LARGE);
/** A movement: positive in, negative out, never 0. */
export const SignedAmountFen = wholeFen()
  .min(-MAX_AMOUNT_FEN, `must be at least -${MAX_AMOUNT_FEN} fen`)
  .max(MAX_AMOUNT_FEN, TOO_LARGE)
  .refine((n) => n !== 0, 'must be a non-zero whole number of fen');
