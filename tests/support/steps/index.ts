// The steps integration tests are written in: given a bank, customers with balances, an approved
// campaign, a posted batch; the streams have drained; an SMS gateway of the test's own.
export { aBank, aBankWithSignIns, theStreamsHaveDrained, type Bank, type BankWithSignIns } from './bank.js';
export {
  aCustomerWithBalances,
  aPostedBatch,
  customersWithBalances,
  movementsOfPattern,
  type Movement,
} from './transactions.js';
export { anApprovedCampaign, beijingCampaign } from './campaigns.js';
export { aBankWithAnSmsGateway, type BankWithSmsGateway } from './sms.js';
export { theAuditTrailOf } from './audit.js';
