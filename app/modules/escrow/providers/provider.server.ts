import { getEnv, paymentProviderOf } from "~/lib/env.server";
import type { PaymentProvider } from "./payment-provider";
import { SimulatedProvider } from "./simulated.server";
import { StripeProvider } from "./stripe.server";

const holder = globalThis as unknown as { tipeiPaymentProvider?: PaymentProvider };

/** The provider this deployment takes payments through (see PAYMENT_PROVIDER in .env.example). */
export function paymentProvider(): PaymentProvider {
  if (holder.tipeiPaymentProvider) return holder.tipeiPaymentProvider;
  const env = getEnv();
  const provider =
    paymentProviderOf(env) === "stripe" && env.STRIPE_SECRET_KEY
      ? new StripeProvider({ secretKey: env.STRIPE_SECRET_KEY, apiUrl: env.STRIPE_API_URL })
      : new SimulatedProvider();
  holder.tipeiPaymentProvider = provider;
  return provider;
}

/** Tests swap the provider (e.g. Stripe against a local emulator); null restores the configured one. */
export function usePaymentProviderForTests(provider: PaymentProvider | null): void {
  holder.tipeiPaymentProvider = provider ?? undefined;
}
