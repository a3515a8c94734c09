/**
 * `@madoguchi/conformance/payment-gateway` — the contract every {@link PaymentGateway} adapter passes,
 * and the fault-injecting proxy its harness puts between the adapter and the gateway.
 */
export {
  allPaymentGatewayCases,
  describePaymentGatewayContract,
  paymentGatewayCases,
  type MakePaymentGateway,
  type PaymentGatewayCase,
  type PaymentGatewayCaseContext,
  type PaymentGatewayContractOptions,
  type PaymentGatewayHarness,
  type PaymentGatewayTestTokens,
} from "./payment-gateway.contract.ts";
export { paymentGatewayV2Cases } from "./payment-gateway-v2.cases.ts";
export { settlementRecordCases } from "./settlement-records.cases.ts";
export { startFaultProxy, type FaultOperation, type FaultProxy, type GatewayFault, type PaymentGatewayFaults } from "./fault-proxy.ts";
