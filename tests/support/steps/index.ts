// The steps integration tests are written in: given a bank, customers with balances, an approved
// campaign, a posted batch; the streams have drained.
export { aBank, theStreamsHaveDrained, type Bank } from './bank.js';
export { aCustomerWithBalances, aPostedBatch, customersWithBalances, type Movement } from './transactions.js';
export { anApprovedCampaign, beijingCampaign } from './campaigns.js';
