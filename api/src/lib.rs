//! The contract between the SPA and the worker: endpoint paths, JSON bodies and the
//! stable error codes the SPA maps to Fluent messages. Both sides compile this crate,
//! so they cannot drift apart.

pub mod access_pass;
pub mod activity;
pub mod audit;
pub mod base64;
pub mod endpoints;
pub mod error;
pub mod fluent;
pub mod health;
pub mod methods;
pub mod oidc;
#[cfg(feature = "openapi")]
pub mod openapi;
pub mod phone;
pub mod policy;
pub mod proof;
pub mod reports;
pub mod reset;
pub mod session;
pub mod shapes;
pub mod texts;
pub mod users;
pub mod webauthn;

pub use access_pass::{AccessPassIssued, AccessPassSignIn, AccessPassView, IssueAccessPass, UnlockUser};
pub use activity::*;
pub use audit::{AuditAction, AuditEntry};
pub use error::{ApiError, ErrorCode};
pub use health::Advice;
pub use methods::*;
pub use policy::{Policy, Registration, Requirement, Reset, TenantSettings};
pub use reset::*;
pub use session::*;
pub use webauthn::*;

/// Milliseconds since the Unix epoch, as sent over the wire.
pub type Millis = u64;

/// Endpoint paths, for the table in [`endpoints`] (which fills `{name}` segments).
/// Reads a unit enum by its wire name (`name` of one of `all`): a fraction of the
/// derived reader's code, which matters in the SPA.
pub(crate) fn by_name<'de, D: serde::Deserializer<'de>, T: Copy>(
    d: D,
    all: &[T],
    name: fn(T) -> &'static str,
) -> Result<T, D::Error> {
    let s = <String as serde::Deserialize>::deserialize(d)?;
    all.iter().copied().find(|v| name(*v) == s).ok_or_else(|| serde::de::Error::unknown_variant(&s, &[]))
}

pub mod paths {
    pub const CONFIG: &str = "/api/v1/config";
    /// Liveness: answers without touching storage.
    pub const HEALTH: &str = "/api/v1/health";
    pub const READY: &str = "/api/v1/ready";
    /// GET: the current session or `null`; POST: sign in; DELETE: sign out.
    pub const SESSION: &str = "/api/v1/session";
    /// GET: the Security info overview.
    pub const METHODS: &str = "/api/v1/methods";
    pub const SECOND_STEP: &str = "/api/v1/session/second-step";
    /// POST: end every session of the user, this one too ("Sign out everywhere").
    pub const SIGN_OUT_EVERYWHERE: &str = "/api/v1/session/everywhere";
    /// GET: the user's signed-in devices (sessions).
    pub const SESSIONS: &str = "/api/v1/sessions";
    /// DELETE: sign one device out.
    pub const SESSION_BY_ID: &str = "/api/v1/sessions/{id}";
    /// POST: change the password while signed in.
    pub const PASSWORD: &str = "/api/v1/password";
    pub const DEFAULT_METHOD: &str = "/api/v1/default-method";
    /// POST: keep a method suspended after "This wasn't me" (it becomes usable).
    pub const METHOD_KEEP: &str = "/api/v1/methods/keep";
    pub const AUTHENTICATOR_START: &str = "/api/v1/methods/authenticator";
    pub const AUTHENTICATOR_VERIFY: &str = "/api/v1/methods/authenticator/verify";
    pub const SECOND_STEP_SEND: &str = "/api/v1/session/second-step/send";
    pub const PHONE_START: &str = "/api/v1/methods/phone";
    /// POST: "Call me" to register a phone in call mode.
    pub const PHONE_CALL: &str = "/api/v1/methods/phone/call";
    /// POST: register an alternate (office) phone by a call.
    pub const ALTERNATE_PHONE_CALL: &str = "/api/v1/methods/alternate-phone/call";
    /// POST: a call for the second step to a phone method.
    pub const SECOND_STEP_CALL: &str = "/api/v1/session/second-step/call";
    /// GET: how a confirmation call is going.
    pub const CALL: &str = "/api/v1/calls/{id}";
    /// The provider's callback.
    pub const VOICE: &str = "/api/v1/voice/{tenant}/{user}/{call}";
    pub const SMS_STATUS: &str = "/api/v1/delivery/sms/{tenant}";
    pub const PHONE_VERIFY: &str = "/api/v1/methods/phone/verify";
    pub const PHONE_RESEND: &str = "/api/v1/methods/phone/resend";
    /// POST: options for `navigator.credentials.create()`.
    pub const SECURITY_KEY_START: &str = "/api/v1/methods/security-key";
    pub const SECURITY_KEY_VERIFY: &str = "/api/v1/methods/security-key/verify";
    /// POST: options for `navigator.credentials.get()` over the user's keys.
    pub const SECOND_STEP_KEY: &str = "/api/v1/session/second-step/security-key";
    pub const SECOND_STEP_KEY_VERIFY: &str = "/api/v1/session/second-step/security-key/verify";
    /// POST: a new app password, shown once.
    pub const APP_PASSWORD: &str = "/api/v1/methods/app-password";
    /// POST: a new set of recovery codes (replacing the earlier set), shown once.
    pub const RECOVERY_CODES: &str = "/api/v1/methods/recovery-codes";
    /// GET with `Authorization: Basic` (username and app password): for non-browser apps.
    pub const LEGACY_WHOAMI: &str = "/api/v1/legacy/whoami";
    /// GET: the questions to choose from; PUT: the answers.
    pub const SECURITY_QUESTIONS: &str = "/api/v1/methods/security-questions";
    pub const EMAIL_START: &str = "/api/v1/methods/email";
    pub const EMAIL_VERIFY: &str = "/api/v1/methods/email/verify";
    pub const EMAIL_RESEND: &str = "/api/v1/methods/email/resend";
    /// GET / PUT: the tenant's name, domains, colour and methods policy (admins).
    pub const ADMIN_SETTINGS: &str = "/api/v1/admin/settings";
    /// GET: the tenant's audit trail, newest first (admins).
    pub const ADMIN_AUDIT: &str = "/api/v1/admin/audit";
    /// GET: the tenant's unexpired Temporary Access Passes; POST: issue one (admins).
    pub const ADMIN_ACCESS_PASSES: &str = "/api/v1/admin/access-passes";
    /// POST: lift a user's second-step lock and clear its failures (admins).
    pub const ADMIN_UNLOCK: &str = "/api/v1/admin/unlock";
    /// DELETE: revoke that user's pass.
    pub const ADMIN_ACCESS_PASS: &str = "/api/v1/admin/access-passes/{user_id}";
    /// POST: "This wasn't me" from a change notice's link: revert and lock down.
    pub const REPORT: &str = "/api/v1/report";
    /// POST: options for a username-less `navigator.credentials.get()` (passkeys).
    pub const PASSKEY: &str = "/api/v1/session/passkey";
    /// POST: the passkey's answer; signs in with both steps passed.
    pub const PASSKEY_VERIFY: &str = "/api/v1/session/passkey/verify";
    /// POST: sign in with a Temporary Access Pass.
    pub const SESSION_ACCESS_PASS: &str = "/api/v1/session/access-pass";
    /// POST: "Skip for now" on the setup prompt.
    pub const SETUP_SKIP: &str = "/api/v1/session/setup/skip";
    /// GET: a proof-of-work challenge; POST: start a password reset.
    pub const RESET_CHALLENGE: &str = "/api/v1/reset/challenge";
    pub const RESET: &str = "/api/v1/reset";
    /// POST: send a code to one of the account's methods.
    pub const RESET_SEND: &str = "/api/v1/reset/send";
    /// POST: a code (email, text, authenticator app) for one method.
    pub const RESET_VERIFY: &str = "/api/v1/reset/verify";
    /// POST: the questions to answer; then their answers.
    pub const RESET_QUESTIONS: &str = "/api/v1/reset/questions";
    pub const RESET_ANSWERS: &str = "/api/v1/reset/answers";
    /// POST: options for a security key; then its assertion.
    pub const RESET_KEY: &str = "/api/v1/reset/security-key";
    pub const RESET_KEY_VERIFY: &str = "/api/v1/reset/security-key/verify";
    /// POST: a confirmation call to the account's phone; then its status.
    pub const RESET_CALL: &str = "/api/v1/reset/call";
    pub const RESET_CALL_STATUS: &str = "/api/v1/reset/call/status";
    /// POST: the new password, once enough methods are proven.
    pub const RESET_PASSWORD: &str = "/api/v1/reset/password";
    /// GET `?page=<cursor>`: the user's recent activity, newest first.
    pub const ACTIVITY: &str = "/api/v1/activity";
    /// One method: `PATCH` renames, `DELETE` deletes.
    pub const METHOD: &str = "/api/v1/methods/{id}";
    /// GET: the tenant's registered apps; POST: register one (admins).
    pub const ADMIN_CLIENTS: &str = "/api/v1/admin/clients";
    /// DELETE: remove an app (its tokens stop working).
    pub const ADMIN_CLIENT: &str = "/api/v1/admin/clients/{id}";
    /// GET: the apps the user is signed in to; DELETE `/{id}`: sign out of one.
    pub const CONNECTED_APPS: &str = "/api/v1/apps";
    pub const CONNECTED_APP: &str = "/api/v1/apps/{id}";
    /// OpenID Connect Discovery, under the issuer (the tenant's origin).
    pub const OIDC_DISCOVERY: &str = "/.well-known/openid-configuration";
    pub const OIDC_JWKS: &str = "/api/v1/oidc/jwks";
    /// GET (or a form POST): an app asks for a sign-in.
    pub const OIDC_AUTHORIZE: &str = "/api/v1/oidc/authorize";
    /// POST (form): an app redeems a code.
    pub const OIDC_TOKEN: &str = "/api/v1/oidc/token";
    /// GET or POST with a Bearer access token.
    pub const OIDC_USERINFO: &str = "/api/v1/oidc/userinfo";
    /// GET: RP-initiated logout.
    pub const OIDC_LOGOUT: &str = "/api/v1/oidc/logout";
    /// GET `?q=&page=`: find users; POST: create one with a one-time pass (admins).
    pub const ADMIN_USERS: &str = "/api/v1/admin/users";
    /// GET: one user with their methods; DELETE: delete them and all they own.
    pub const ADMIN_USER: &str = "/api/v1/admin/users/{id}";
    /// PUT: turn the user off or on.
    pub const ADMIN_USER_STATE: &str = "/api/v1/admin/users/{id}/state";
    /// GET: everything kept about the user, as JSON.
    pub const ADMIN_USER_EXPORT: &str = "/api/v1/admin/users/{id}/export";
    /// DELETE: delete one of the user's methods (the user gets a notice).
    pub const ADMIN_USER_METHOD: &str = "/api/v1/admin/users/{id}/methods/{method}";
    /// POST: clear the second-step methods; the wizard runs at next sign-in.
    pub const ADMIN_USER_REREGISTER: &str = "/api/v1/admin/users/{id}/require-registration";
    /// POST: end every session and app token of the user.
    pub const ADMIN_USER_SIGN_OUT: &str = "/api/v1/admin/users/{id}/sign-out";
    /// GET: the authentication methods activity report (admins); `.csv`: its rows.
    pub const ADMIN_METHODS_REPORT: &str = "/api/v1/admin/reports/methods";
    pub const ADMIN_METHODS_REPORT_CSV: &str = "/api/v1/admin/reports/methods.csv";
    pub const ADMIN_UNDELIVERED: &str = "/api/v1/admin/reports/undelivered";
    /// PUT: the user's role on the admin's pages (admins).
    pub const ADMIN_USER_ROLE: &str = "/api/v1/admin/users/{id}/role";
    /// POST: send a code to one of the user's methods, to verify a caller.
    pub const ADMIN_USER_VERIFY_CALLER: &str = "/api/v1/admin/users/{id}/verify-caller";
    /// POST: the code the caller read back.
    pub const ADMIN_USER_CALLER_CHECK: &str = "/api/v1/admin/users/{id}/verify-caller/check";
    /// GET: the tenant's SCIM bearer tokens; POST: create one, shown once (admins).
    pub const ADMIN_SCIM_TOKENS: &str = "/api/v1/admin/scim-tokens";
    /// DELETE: revoke a SCIM token.
    pub const ADMIN_SCIM_TOKEN: &str = "/api/v1/admin/scim-tokens/{id}";
    /// SCIM 2.0 (RFC 7644), per tenant: discovery, and Users with a bearer token.
    pub const SCIM_SERVICE_PROVIDER_CONFIG: &str = "/scim/v2/ServiceProviderConfig";
    pub const SCIM_RESOURCE_TYPES: &str = "/scim/v2/ResourceTypes";
    pub const SCIM_RESOURCE_TYPE: &str = "/scim/v2/ResourceTypes/{id}";
    pub const SCIM_SCHEMAS: &str = "/scim/v2/Schemas";
    pub const SCIM_SCHEMA: &str = "/scim/v2/Schemas/{id}";
    pub const SCIM_USERS: &str = "/scim/v2/Users";
    pub const SCIM_USERS_SEARCH: &str = "/scim/v2/Users/.search";
    pub const SCIM_USER: &str = "/scim/v2/Users/{id}";
    pub const SCIM_SEARCH: &str = "/scim/v2/.search";
    /// Everything under it answers in SCIM's error form.
    pub const SCIM_ROOT: &str = "/scim/v2";
}

/// Header carrying the per-session anti-CSRF token on state-changing requests.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// Cookie holding the session token. Over https it is `__Host-sid`: the browser then
/// only accepts it with `Secure`, `Path=/` and no `Domain`, so no sibling host can
/// plant or overwrite it.
pub const SESSION_COOKIE: &str = "sid";
/// Prefix of cookie names the browser binds to exactly one secure origin.
pub const HOST_COOKIE_PREFIX: &str = "__Host-";
/// Readable beside the session cookie (`1`, no secret): boot.js fetches what only
/// a signed-in visit can read only when it is there, so a signed-out load logs no 401.
pub const SIGNED_IN_COOKIE: &str = "si-on";
/// Cookie remembering the language the user chose with the switcher.
pub const LANGUAGE_COOKIE: &str = "lang";
/// Largest request body the API accepts, in bytes.
pub const MAX_BODY_BYTES: usize = 8 * 1024;

/// The value of the cookie `name` in a `Cookie` request header, if present.
pub fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|part| {
        let (k, v) = part.trim().split_once('=')?;
        (k.trim() == name).then(|| v.trim())
    })
}

/// Languages with a complete set of Fluent files, the first is the fallback.
pub const LANGUAGES: [&str; 2] = ["en-US", "nl-NL"];

/// Picks a supported language from a preference list such as an `Accept-Language`
/// header (`nl-BE,nl;q=0.9,en;q=0.8`). Matches on the primary subtag when the region
/// differs; falls back to the first supported language.
pub fn negotiate_language(accept: &str) -> &'static str {
    let mut prefs: Vec<(f32, &str)> = accept
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next()?.trim();
            if tag.is_empty() {
                return None;
            }
            let q = pieces.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.parse::<f32>().ok()).unwrap_or(1.0);
            Some((q, tag))
        })
        .collect();
    // Stable sort keeps header order among equal weights.
    prefs.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal));
    for (q, tag) in prefs {
        if q <= 0.0 {
            continue;
        }
        if let Some(lang) = LANGUAGES.iter().find(|l| l.eq_ignore_ascii_case(tag)) {
            return lang;
        }
        let primary = tag.split('-').next().unwrap_or(tag);
        if let Some(lang) =
            LANGUAGES.iter().find(|l| l.split('-').next().is_some_and(|p| p.eq_ignore_ascii_case(primary)))
        {
            return lang;
        }
    }
    LANGUAGES[0]
}

/// `GET /api/v1/health`: the worker runs.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Health {
    pub ok: bool,
}

/// `GET /api/v1/ready`: the worker reaches its storage (503 when it does not).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Readiness {
    pub ok: bool,
    /// A Workers KV read answered.
    pub kv: bool,
    /// A Durable Object (ledger) round trip answered.
    pub ledger: bool,
}

/// Public, unauthenticated facts the SPA needs before sign-in.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Config {
    pub tenant_name: String,
    /// Accent colour of the tenant's pages, `#rrggbb`.
    pub brand_color: String,
    /// Language negotiated from the language cookie or `Accept-Language`.
    pub language: String,
    pub languages: Vec<String>,
    /// The organization's help desk ("Can't sign in?").
    #[serde(default)]
    pub support: policy::SupportContact,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_exact_primary_and_fallback() {
        assert_eq!(negotiate_language("nl-NL"), "nl-NL");
        assert_eq!(negotiate_language("nl-BE,nl;q=0.9,en;q=0.8"), "nl-NL");
        assert_eq!(negotiate_language("fr-FR,en;q=0.5,nl;q=0.7"), "nl-NL");
        assert_eq!(negotiate_language("en-GB"), "en-US");
        assert_eq!(negotiate_language("de-DE"), "en-US");
        assert_eq!(negotiate_language(""), "en-US");
        assert_eq!(negotiate_language("nl;q=0,en"), "en-US");
    }
}
