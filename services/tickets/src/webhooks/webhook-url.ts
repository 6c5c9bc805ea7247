import { badRequest, type OutboundGuard, outboundRefusal } from '@omni/service-kit';

/**
 * A webhook URL is judged when it is registered, so that an integrator learns at once that
 * an internal address will never be delivered to (a 400 naming `url`); deliveries are
 * judged again at every connection, which is what actually protects (DNS may change).
 */
export async function refuseForbiddenWebhookUrl(guard: OutboundGuard, url: string): Promise<void> {
  try {
    await guard.checkUrl(url);
  } catch (err) {
    const refused = outboundRefusal(err);
    if (!refused) throw err;
    throw badRequest(`url: ${refused.message}`, { url: refused.message });
  }
}
