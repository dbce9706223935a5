/** No script, no outside resource: the page works before any login and cannot be framed. */
export const LOGIN_PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const STYLE = `
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #0f172a; background: #f1f5f9; }
  main { width: min(380px, calc(100vw - 32px)); background: #fff; border-radius: 10px; padding: 24px; box-shadow: 0 1px 3px rgb(15 23 42 / 0.12); }
  h1 { margin: 0 0 4px; font-size: 22px; }
  .lead { margin: 0 0 18px; color: #475569; font-size: 14px; }
  label { display: block; font-weight: 600; margin-bottom: 4px; }
  .help { margin: 0 0 8px; font-size: 13px; color: #475569; }
  input { box-sizing: border-box; width: 100%; font: inherit; padding: 8px 10px; border: 1px solid #94a3b8; border-radius: 6px; }
  input:focus-visible, button:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
  input[aria-invalid="true"] { border-color: #b91c1c; }
  .error { margin: 8px 0 0; color: #991b1b; font-size: 14px; }
  button { margin-top: 16px; width: 100%; font: inherit; padding: 9px 14px; border-radius: 6px; border: 1px solid #2563eb; background: #2563eb; color: #fff; cursor: pointer; }
  button:hover { background: #1d4ed8; }
`;

/** The login form, in French; `error` is one of Veille's own messages, never user input. */
export function loginPage(error?: string): string {
  const describedBy = error ? 'token-help token-error' : 'token-help';
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${error ? 'Erreur — ' : ''}Connexion — Veille</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Veille</h1>
<p class="lead">Cette instance de Veille est protégée par un jeton d’accès.</p>
<form method="post" action="/login">
<label for="token">Jeton d’accès</label>
<p class="help" id="token-help">La valeur de ACCESS_TOKEN dans la configuration de Veille.</p>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus aria-describedby="${describedBy}"${error ? ' aria-invalid="true"' : ''}>
${error ? `<p class="error" id="token-error" role="alert">${error}</p>\n` : ''}<button type="submit">Se connecter</button>
</form>
</main>
</body>
</html>
`;
}
