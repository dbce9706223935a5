import Anthropic from '@anthropic-ai/sdk';
import { UnavailableError } from '../../errors';

// The SDK types the body by the class's type arguments, which `instanceof` leaves as `any`: read it as unknown.
const detailOf = (error: { readonly error: unknown }): string => {
  const body = error.error as { error?: { message?: unknown } } | undefined;
  const message = typeof body?.error?.message === 'string' ? body.error.message : '';
  return message ? ` : ${message.slice(0, 300)}` : '';
};

/**
 * What the user reads when a request fails once the SDK has retried what can be retried.
 * Failures that every next offer would meet too (key, model, credit, network) stop phase 3 as
 * unavailable; the others fail this offer only.
 */
export function explainFailure(error: unknown, model: string): Error {
  if (error instanceof Anthropic.APIConnectionTimeoutError) return new Error("Claude n'a pas répondu à temps.");
  if (error instanceof Anthropic.APIUserAbortError) return new Error('Analyse interrompue.');
  if (error instanceof Anthropic.APIConnectionError) return new UnavailableError(`API Claude injoignable : ${error.message}`);
  if (!(error instanceof Anthropic.APIError)) return error instanceof Error ? error : new Error(String(error));
  if (error instanceof Anthropic.AuthenticationError || error instanceof Anthropic.PermissionDeniedError) {
    return new UnavailableError(`Claude refuse la clé API (${error.status}) : vérifiez-la (Paramètres → Analyse, ou ANTHROPIC_API_KEY).`);
  }
  if (error instanceof Anthropic.NotFoundError) {
    return new UnavailableError(`Modèle « ${model} » inconnu de l'API Claude (404) : choisissez-en un autre (Paramètres → Analyse, ou ANTHROPIC_MODEL).`);
  }
  if (error instanceof Anthropic.PaymentRequiredError) return new UnavailableError(`Crédit de l'API Claude épuisé (402)${detailOf(error)}`);
  if (error instanceof Anthropic.RateLimitError)
    return new Error(`Limite de débit de Claude atteinte (429), même après les nouvelles tentatives${detailOf(error)}`);
  if (error.status === 529) return new Error('Claude est surchargé (529), même après les nouvelles tentatives.');
  if (error instanceof Anthropic.InternalServerError) return new Error(`Erreur du serveur Claude (${error.status})${detailOf(error)}`);
  return new Error(`Requête refusée par Claude (${error.status ?? '?'})${detailOf(error)}`);
}
