# The page shown when an app's sign-in request cannot go back to the app.
oidc-error-title = We can't sign you in to this app
oidc-error-malformed = The app sent an incomplete or invalid sign-in request. Go back to the app and try again; if it keeps happening, contact your help desk.
oidc-error-unknown-client = This app is not registered with { $tenant }. Go back to the app and contact your help desk.
oidc-error-redirect-mismatch = This app asked to send you to an address it has not registered with { $tenant }, so we stopped here to keep your account safe. Contact your help desk.
oidc-error-back = Go to Security info
oidc-error-hint = The sign-in request from Microsoft Entra ID could not be verified (it is not from your organization's Entra tenant, is meant for another app, or is too old). Go back and sign in again; if it keeps happening, contact your help desk.
oidc-error-unknown-user = Your account from Microsoft Entra ID has no match at { $tenant }. Contact your help desk.
