// Which of two payments to one account is a customer's first: the earlier business date, then the
// earlier booking, then the smaller id — a total order, so the kept first does not depend on delivery.
import type { FirstPayment } from './ports.js';

export const isEarlierPayment = (a: FirstPayment, b: FirstPayment): boolean =>
  `${a.businessDate}\n${a.bookedAt}\n${a.transactionId}` <
  `${b.businessDate}\n${b.bookedAt}\n${b.transactionId}`;
