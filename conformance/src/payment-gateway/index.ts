/**
 * `@madoguchi/conformance/payment-gateway` — the contract every {@link PaymentGateway} adapter passes.
 */
export {
  describePaymentGatewayContract,
  paymentGatewayCases,
  type MakePaymentGateway,
  type PaymentGatewayCase,
  type PaymentGatewayCaseContext,
  type PaymentGatewayContractOptions,
  type PaymentGatewayTestTokens,
} from "./payment-gateway.contract.ts";
