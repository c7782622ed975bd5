//! Every endpoint of `/api/v1`, declared once: verb, path, who may call it, the
//! request and response types and the success status. The worker routes by this
//! table (unknown paths, wrong verbs with `Allow`, access and CSRF checks), the
//! OpenAPI document is generated from it, and a new endpoint is one row here plus
//! one handler, which the worker's exhaustive `match` on [`Id`] asks for.

use crate::paths;
use crate::{access_pass, activity, methods, oidc, policy, reports, reset, session, users, webauthn};
use std::marker::PhantomData;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Verb {
    pub const ALL: [Verb; 5] = [Verb::Get, Verb::Post, Verb::Put, Verb::Patch, Verb::Delete];

    pub const fn as_str(self) -> &'static str {
        match self {
            Verb::Get => "GET",
            Verb::Post => "POST",
            Verb::Put => "PUT",
            Verb::Patch => "PATCH",
            Verb::Delete => "DELETE",
        }
    }

    /// GET (and HEAD) read; the others change state.
    pub const fn changes_state(self) -> bool {
        !matches!(self, Verb::Get)
    }
}

/// Who may call an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone (a password reset carries its ticket in the body).
    Public,
    /// The session cookie, also while the second step is pending; state changes
    /// send the session's CSRF token. Not open to a Temporary Access Pass session.
    Session,
    /// As `Session`, and open to a Temporary Access Pass session too (which may
    /// only look at the methods and register new ones).
    PassSession,
    /// An administrator's session (the domain checks the role).
    Admin,
    /// The session cookie if there is one, without a CSRF token: signing out
    /// (the worst a forged request does is sign out).
    SignOut,
    /// HTTP Basic with an app password (legacy clients).
    Basic,
    /// The voice or SMS provider's signed form post.
    Provider,
    /// An app (OpenID Connect client), from anywhere: its own credentials or a
    /// Bearer token, or a browser it sends here. No session cookie is read as
    /// authority and no CSRF token asked for.
    App,
    /// The tenant's directory (SCIM): a bearer token an admin created, from
    /// anywhere; errors in SCIM's form.
    Scim,
}

impl Access {
    /// Whether the router finds the session before the handler runs.
    pub const fn needs_session(self) -> bool {
        matches!(self, Access::Session | Access::PassSession | Access::Admin)
    }
}

/// One row of the table, without its types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    pub id: Id,
    pub verb: Verb,
    /// `/api/v1/...`; a `{name}` segment matches any one segment.
    pub path: &'static str,
    pub access: Access,
    pub status: u16,
    pub summary: &'static str,
}

impl Route {
    /// The values of the path's `{name}` segments in `path`, if it matches.
    pub fn matches<'p>(&self, path: &'p str) -> Option<Vec<&'p str>> {
        let mut template = self.path.split('/');
        let mut values = vec![];
        for segment in path.split('/') {
            match template.next()? {
                t if t.starts_with('{') => {
                    if segment.is_empty() {
                        return None;
                    }
                    values.push(segment);
                }
                t if t == segment => {}
                _ => return None,
            }
        }
        template.next().is_none().then_some(values)
    }

    /// The path with its `{name}` segments filled in order.
    pub fn fill(&self, values: &[&str]) -> String {
        let mut values = values.iter();
        let segments: Vec<&str> = self
            .path
            .split('/')
            .map(|s| if s.starts_with('{') { values.next().copied().unwrap_or("") } else { s })
            .collect();
        segments.join("/")
    }
}

/// A row with its request and response types, for callers that send and read it.
#[derive(Debug, Clone, Copy)]
pub struct Endpoint<Req, Res> {
    pub route: Route,
    types: PhantomData<fn(Req) -> Res>,
}

/// What a path asks of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup<'p> {
    Found(&'static Route, Vec<&'p str>),
    /// The path exists with these verbs only.
    NotAllowed(Vec<Verb>),
    NotFound,
}

/// The route for `verb` and `path`: a literal segment wins over a `{name}` one.
pub fn lookup(verb: Verb, path: &str) -> Lookup<'_> {
    let mut found: Option<(&'static Route, Vec<&str>)> = None;
    for route in ALL.iter().filter(|r| r.verb == verb) {
        let Some(values) = route.matches(path) else { continue };
        if found.as_ref().is_none_or(|(_, best)| values.len() < best.len()) {
            found = Some((route, values));
        }
    }
    match found {
        Some((route, values)) => Lookup::Found(route, values),
        None => allowed(path),
    }
}

/// The verbs `path` has, for a request with another (or one the table never
/// uses, like TRACE): `NotAllowed` with them, or `NotFound`. A path that is a
/// resource of its own (`/methods/email`) names its own verbs, not those of the
/// `{id}` pattern it also fits.
pub fn allowed(path: &str) -> Lookup<'_> {
    let matching: Vec<(&Route, usize)> =
        ALL.iter().filter_map(|r| r.matches(path).map(|values| (r, values.len()))).collect();
    let Some(fewest) = matching.iter().map(|(_, params)| *params).min() else { return Lookup::NotFound };
    let verbs = Verb::ALL
        .into_iter()
        .filter(|v| matching.iter().any(|(r, params)| r.verb == *v && *params == fewest))
        .collect();
    Lookup::NotAllowed(verbs)
}

macro_rules! endpoints {
    ($($name:ident = $verb:ident $path:expr, $access:ident, $req:ty => $res:ty, $status:literal, $summary:literal;)*) => {
        /// The endpoints by name, for an exhaustive `match` in the worker.
        #[allow(non_camel_case_types)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Id { $($name),* }

        $(
            #[doc = $summary]
            pub const $name: Endpoint<$req, $res> = Endpoint {
                route: Route { id: Id::$name, verb: Verb::$verb, path: $path, access: Access::$access, status: $status, summary: $summary },
                types: PhantomData,
            };
        )*

        /// Every endpoint.
        pub static ALL: &[Route] = &[$($name.route),*];

        /// Each endpoint with its types (the OpenAPI document).
        #[cfg(feature = "openapi")]
        pub(crate) fn describe(d: &mut impl crate::openapi::Describe) {
            $(d.endpoint::<$req, $res>(&$name.route);)*
        }
    };
}

endpoints! {
    HEALTH = Get paths::HEALTH, Public, () => crate::Health, 200, "Liveness of the worker";
    READY = Get paths::READY, Public, () => crate::Readiness, 200,
        "Readiness: a KV read and a Durable Object round trip answer (503 otherwise)";
    CONFIG = Get paths::CONFIG, Public, () => crate::Config, 200, "Tenant name, brand colour and languages";
    SESSION = Get paths::SESSION, Public, () => Option<session::Session>, 200, "The current session, or null";
    SIGN_IN = Post paths::SESSION, Public, session::SignIn => session::Session, 200, "Sign in with username and password";
    SIGN_IN_WITH_PASS = Post paths::SESSION_ACCESS_PASS, Public, access_pass::AccessPassSignIn => session::Session, 200,
        "Sign in with a Temporary Access Pass (the session may only register methods)";
    PASSKEY = Post paths::PASSKEY, Public, () => webauthn::SecurityKeyChallenge, 201,
        "Start a sign-in with a passkey (no username)";
    PASSKEY_VERIFY = Post paths::PASSKEY_VERIFY, Public, webauthn::SecurityKeyProof => session::Session, 200,
        "Finish a sign-in with a passkey (both steps)";
    SIGN_OUT = Delete paths::SESSION, SignOut, () => (), 204, "Sign out";
    SIGN_OUT_EVERYWHERE = Post paths::SIGN_OUT_EVERYWHERE, Session, () => (), 204,
        "Sign out everywhere: every session of the user ends, this one too";
    DEVICES = Get paths::SESSIONS, Session, () => session::Devices, 200,
        "The user's signed-in devices (sessions), most recently used first";
    DEVICE_SIGN_OUT = Delete paths::SESSION_BY_ID, Session, () => (), 204,
        "Sign one device out (its next request is refused)";
    PASSWORD_CHANGE = Post paths::PASSWORD, Session, reset::ChangePassword => (), 204,
        "Change the password (the current one and a recent second step; other sessions end)";
    REPORT = Post paths::REPORT, Public, crate::ReportChange => crate::ChangeReported, 200,
        "\"This wasn't me\": end every session, require a new password, undo the change";
    LEGACY_WHOAMI = Get paths::LEGACY_WHOAMI, Basic, () => methods::WhoAmI, 200, "Legacy client check with an app password";

    SECOND_STEP = Post paths::SECOND_STEP, Session, session::SecondStepProof => session::Session, 200,
        "Pass the second step with a code";
    SECOND_STEP_SEND = Post paths::SECOND_STEP_SEND, Session, methods::SendSecondStepCode => methods::PendingVerification, 201,
        "Text or email a second-step code";
    SECOND_STEP_CALL = Post paths::SECOND_STEP_CALL, Session, methods::SendSecondStepCode => methods::CallStarted, 201,
        "Call a phone for the second step";
    SECOND_STEP_KEY = Post paths::SECOND_STEP_KEY, Session, () => webauthn::SecurityKeyChallenge, 201,
        "Start a second step with a security key";
    SECOND_STEP_KEY_VERIFY = Post paths::SECOND_STEP_KEY_VERIFY, Session, webauthn::SecurityKeyProof => session::Session, 200,
        "Finish a second step with a security key";
    SETUP_SKIP = Post paths::SETUP_SKIP, Session, () => session::Session, 200,
        "Postpone the required registration (within the grace period)";

    METHODS = Get paths::METHODS, PassSession, () => methods::SecurityInfo, 200, "The user's methods and default";
    DEFAULT_METHOD = Put paths::DEFAULT_METHOD, Session, methods::ChooseDefault => (), 204, "Choose the default sign-in method";
    METHOD_KEEP = Post paths::METHOD_KEEP, Session, methods::KeepMethod => (), 204,
        "Keep a method suspended after a report (it becomes usable again)";
    METHOD_RENAME = Patch paths::METHOD, Session, methods::Rename => methods::MethodView, 200, "Rename a method";
    METHOD_DELETE = Delete paths::METHOD, Session, () => (), 204, "Delete a method";
    AUTHENTICATOR_START = Post paths::AUTHENTICATOR_START, PassSession, () => methods::AuthenticatorSetup, 201,
        "Start registering an authenticator app";
    AUTHENTICATOR_VERIFY = Post paths::AUTHENTICATOR_VERIFY, PassSession, methods::VerifyAuthenticator => methods::MethodView, 201,
        "Finish it with a code from the app";
    EMAIL_START = Post paths::EMAIL_START, PassSession, methods::StartEmail => methods::PendingVerification, 201,
        "Email a code to a new address";
    EMAIL_VERIFY = Post paths::EMAIL_VERIFY, PassSession, methods::VerifyCode => methods::MethodView, 201,
        "Confirm the address with the code";
    EMAIL_RESEND = Post paths::EMAIL_RESEND, PassSession, methods::Resend => methods::PendingVerification, 200,
        "Send the email code again";
    PHONE_START = Post paths::PHONE_START, PassSession, methods::StartPhone => methods::PendingVerification, 201,
        "Text a code to a new phone";
    PHONE_VERIFY = Post paths::PHONE_VERIFY, PassSession, methods::VerifyCode => methods::MethodView, 201,
        "Confirm the phone with the code";
    PHONE_RESEND = Post paths::PHONE_RESEND, PassSession, methods::Resend => methods::PendingVerification, 200,
        "Text the code again";
    PHONE_CALL = Post paths::PHONE_CALL, PassSession, methods::StartPhone => methods::CallStarted, 201,
        "Confirm a new phone by a call";
    ALTERNATE_PHONE_CALL = Post paths::ALTERNATE_PHONE_CALL, PassSession, methods::StartPhone => methods::CallStarted, 201,
        "Confirm a new alternate phone by a call";
    CALL_STATUS = Get paths::CALL, PassSession, () => methods::CallStatus, 200, "State of a confirmation call";
    CALL_END = Delete paths::CALL, PassSession, () => (), 204, "Stop waiting for a confirmation call (Cancel)";
    SECURITY_KEY_START = Post paths::SECURITY_KEY_START, PassSession, webauthn::StartSecurityKey => webauthn::SecurityKeyRegistration, 201,
        "Start registering a security key";
    SECURITY_KEY_VERIFY = Post paths::SECURITY_KEY_VERIFY, PassSession, webauthn::FinishSecurityKey => methods::MethodView, 201,
        "Finish it with the browser's response";
    SECURITY_QUESTIONS = Get paths::SECURITY_QUESTIONS, PassSession, () => methods::QuestionChoices, 200, "Questions to choose from";
    SET_ANSWERS = Put paths::SECURITY_QUESTIONS, PassSession, methods::SetAnswers => methods::MethodView, 200,
        "Set or replace the answers";
    APP_PASSWORD = Post paths::APP_PASSWORD, Session, methods::CreateAppPassword => methods::AppPasswordCreated, 201,
        "Create an app password (shown once)";
    RECOVERY_CODES = Post paths::RECOVERY_CODES, PassSession, () => methods::RecoveryCodesCreated, 201,
        "Create ten recovery codes, replacing any earlier set (shown once)";
    ACTIVITY = Get paths::ACTIVITY, Session, () => activity::ActivityPage, 200, "Recent sign-ins and changes, newest first";

    ADMIN_SETTINGS = Get paths::ADMIN_SETTINGS, Admin, () => policy::TenantSettings, 200, "The tenant's policy (administrators)";
    ADMIN_UPDATE_SETTINGS = Put paths::ADMIN_SETTINGS, Admin, policy::TenantSettings => policy::TenantSettings, 200,
        "Change the tenant's policy (administrators)";
    ADMIN_AUDIT = Get paths::ADMIN_AUDIT, Admin, () => Vec<crate::AuditEntry>, 200, "The tenant's audit trail (administrators)";
    ADMIN_ACCESS_PASSES = Get paths::ADMIN_ACCESS_PASSES, Admin, () => Vec<access_pass::AccessPassView>, 200,
        "Unexpired Temporary Access Passes (administrators)";
    ADMIN_ISSUE_ACCESS_PASS = Post paths::ADMIN_ACCESS_PASSES, Admin, access_pass::IssueAccessPass => access_pass::AccessPassIssued, 201,
        "Issue a Temporary Access Pass, shown once (administrators)";
    ADMIN_UNLOCK = Post paths::ADMIN_UNLOCK, Admin, access_pass::UnlockUser => (), 204,
        "Lift a user's second-step lock and clear its failures (administrators)";
    ADMIN_REVOKE_ACCESS_PASS = Delete paths::ADMIN_ACCESS_PASS, Admin, () => (), 204,
        "Revoke a user's Temporary Access Pass (administrators)";
    ADMIN_USERS = Get paths::ADMIN_USERS, Admin, () => users::UserPage, 200,
        "Find users by name or username, a page at a time (administrators)";
    ADMIN_CREATE_USER = Post paths::ADMIN_USERS, Admin, users::NewUser => users::UserCreated, 201,
        "Create a user with a one-time access pass, shown once (administrators)";
    ADMIN_USER = Get paths::ADMIN_USER, Admin, () => users::UserDetail, 200,
        "A user's state and registered methods (administrators)";
    ADMIN_DELETE_USER = Delete paths::ADMIN_USER, Admin, () => (), 204,
        "Delete a user and everything they own (administrators)";
    ADMIN_USER_STATE = Put paths::ADMIN_USER_STATE, Admin, users::UserState => users::UserSummary, 200,
        "Turn a user off (every way in refused, sessions and tokens end) or on (administrators)";
    ADMIN_USER_EXPORT = Get paths::ADMIN_USER_EXPORT, Admin, () => users::UserExport, 200,
        "Everything kept about a user, as JSON (administrators)";
    ADMIN_USER_METHOD = Delete paths::ADMIN_USER_METHOD, Admin, () => (), 204,
        "Delete one of a user's methods; the user gets a notice (administrators, help desk)";
    ADMIN_USER_REREGISTER = Post paths::ADMIN_USER_REREGISTER, Admin, () => (), 204,
        "Clear a user's second-step methods: they register again at next sign-in (administrators, help desk)";
    ADMIN_USER_SIGN_OUT = Post paths::ADMIN_USER_SIGN_OUT, Admin, () => (), 204,
        "End every session and app token of a user (administrators, help desk)";
    ADMIN_METHODS_REPORT = Get paths::ADMIN_METHODS_REPORT, Admin, () => reports::MethodsReport, 200,
        "Authentication methods activity: registration by method and strength, second steps over 30 days (administrators)";
    ADMIN_METHODS_REPORT_CSV = Get paths::ADMIN_METHODS_REPORT_CSV, Admin, () => String, 200,
        "The report's rows as CSV, one user a line (administrators)";
    ADMIN_UNDELIVERED = Get paths::ADMIN_UNDELIVERED, Admin, () => reports::Undelivered, 200,
        "Messages of the last 30 days the providers would not take after every retry (administrators)";
    ADMIN_USER_ROLE = Put paths::ADMIN_USER_ROLE, Admin, users::UserRole => users::UserSummary, 200,
        "Make a user an administrator, help desk or neither (administrators)";
    ADMIN_USER_VERIFY_CALLER = Post paths::ADMIN_USER_VERIFY_CALLER, Admin, users::CallerCheckStart => users::CallerCheck, 200,
        "Verify a caller: a code to one of the user's methods (administrators, help desk)";
    ADMIN_USER_CALLER_CHECK = Post paths::ADMIN_USER_CALLER_CHECK, Admin, users::CallerCheckAnswer => users::CallerVerified, 200,
        "The code the caller read back; passed, the help desk may act on the user for 10 minutes";
    ADMIN_SCIM_TOKENS = Get paths::ADMIN_SCIM_TOKENS, Admin, () => Vec<users::ScimTokenView>, 200,
        "The tenant's SCIM bearer tokens (administrators)";
    ADMIN_CREATE_SCIM_TOKEN = Post paths::ADMIN_SCIM_TOKENS, Admin, users::NewScimToken => users::ScimTokenCreated, 201,
        "Create a SCIM bearer token for the directory, shown once (administrators)";
    ADMIN_REVOKE_SCIM_TOKEN = Delete paths::ADMIN_SCIM_TOKEN, Admin, () => (), 204,
        "Revoke a SCIM bearer token (administrators)";

    SCIM_SERVICE_PROVIDER_CONFIG = Get paths::SCIM_SERVICE_PROVIDER_CONFIG, Scim, () => serde_json::Value, 200,
        "SCIM: what this server supports";
    SCIM_RESOURCE_TYPES = Get paths::SCIM_RESOURCE_TYPES, Scim, () => serde_json::Value, 200, "SCIM: resource types";
    SCIM_RESOURCE_TYPE = Get paths::SCIM_RESOURCE_TYPE, Scim, () => serde_json::Value, 200, "SCIM: one resource type";
    SCIM_SCHEMAS = Get paths::SCIM_SCHEMAS, Scim, () => serde_json::Value, 200, "SCIM: schemas";
    SCIM_SCHEMA = Get paths::SCIM_SCHEMA, Scim, () => serde_json::Value, 200, "SCIM: one schema";
    SCIM_USERS = Get paths::SCIM_USERS, Scim, () => serde_json::Value, 200,
        "SCIM: users, by filter (userName, externalId, id, emails eq), startIndex and count";
    SCIM_CREATE_USER = Post paths::SCIM_USERS, Scim, serde_json::Value => serde_json::Value, 201, "SCIM: create a user";
    SCIM_SEARCH_USERS = Post paths::SCIM_USERS_SEARCH, Scim, serde_json::Value => serde_json::Value, 200,
        "SCIM: users by a SearchRequest";
    SCIM_USER = Get paths::SCIM_USER, Scim, () => serde_json::Value, 200, "SCIM: one user";
    SCIM_REPLACE_USER = Put paths::SCIM_USER, Scim, serde_json::Value => serde_json::Value, 200, "SCIM: replace a user";
    SCIM_PATCH_USER = Patch paths::SCIM_USER, Scim, serde_json::Value => serde_json::Value, 200, "SCIM: change a user";
    SCIM_DELETE_USER = Delete paths::SCIM_USER, Scim, () => (), 204, "SCIM: delete a user and all they own";
    SCIM_SEARCH = Post paths::SCIM_SEARCH, Scim, serde_json::Value => serde_json::Value, 501,
        "SCIM: searching several resource types at once (not implemented)";

    RESET_CHALLENGE = Get paths::RESET_CHALLENGE, Public, () => reset::WorkChallenge, 200,
        "A proof-of-work challenge for starting a reset";
    RESET_START = Post paths::RESET, Public, reset::StartReset => reset::ResetStarted, 201, "Start a password reset";
    RESET_SEND = Post paths::RESET_SEND, Public, reset::ResetStep => methods::PendingVerification, 201,
        "Send a reset code by email or text";
    RESET_VERIFY = Post paths::RESET_VERIFY, Public, reset::ResetCode => reset::ResetProgress, 200, "Prove a reset step with a code";
    RESET_QUESTIONS = Post paths::RESET_QUESTIONS, Public, reset::ResetStep => Vec<methods::Question>, 200,
        "The security questions of this reset";
    RESET_ANSWERS = Post paths::RESET_ANSWERS, Public, reset::ResetAnswers => reset::ResetProgress, 200,
        "Prove a reset step with answers";
    RESET_KEY = Post paths::RESET_KEY, Public, reset::ResetStep => webauthn::SecurityKeyChallenge, 201,
        "Start proving a reset step with a security key";
    RESET_KEY_VERIFY = Post paths::RESET_KEY_VERIFY, Public, reset::ResetKeyProof => reset::ResetProgress, 200,
        "Finish it with the browser's response";
    RESET_CALL = Post paths::RESET_CALL, Public, reset::ResetStep => methods::CallStarted, 201, "Prove a reset step by a call";
    RESET_CALL_STATUS = Post paths::RESET_CALL_STATUS, Public, reset::ResetCallCheck => reset::ResetCallStatus, 200,
        "State of that call";
    RESET_PASSWORD = Post paths::RESET_PASSWORD, Public, reset::NewPassword => (), 204, "Set the new password";

    VOICE = Post paths::VOICE, Provider, () => (), 200,
        "Key press reported by the voice provider (signed form post, TwiML answer)";
    SMS_STATUS = Post paths::SMS_STATUS, Provider, () => (), 204,
        "A text's delivery status reported by the SMS provider (signed form post); failures are listed for admins";

    CONNECTED_APPS = Get paths::CONNECTED_APPS, Session, () => Vec<oidc::ConnectedApp>, 200,
        "The apps the user is signed in to";
    DISCONNECT_APP = Delete paths::CONNECTED_APP, Session, () => (), 204,
        "Sign out of an app: its refresh and access tokens end";
    ADMIN_CLIENTS = Get paths::ADMIN_CLIENTS, Admin, () => Vec<oidc::ClientView>, 200,
        "The tenant's apps that sign in through it (administrators)";
    ADMIN_REGISTER_CLIENT = Post paths::ADMIN_CLIENTS, Admin, oidc::NewClient => oidc::ClientCreated, 201,
        "Register an app; a confidential app's secret is shown once (administrators)";
    ADMIN_DELETE_CLIENT = Delete paths::ADMIN_CLIENT, Admin, () => (), 204,
        "Remove an app: its codes and tokens stop working (administrators)";
    OIDC_DISCOVERY = Get paths::OIDC_DISCOVERY, App, () => oidc::Discovery, 200,
        "OpenID Provider metadata of the tenant (the issuer is its origin)";
    OIDC_JWKS = Get paths::OIDC_JWKS, App, () => oidc::Jwks, 200, "The public keys ID tokens are signed with";
    OIDC_AUTHORIZE = Get paths::OIDC_AUTHORIZE, App, () => (), 302,
        "Authorization request (code flow with PKCE S256): signs the user in, then redirects back with a code";
    OIDC_AUTHORIZE_FORM = Post paths::OIDC_AUTHORIZE, App, () => (), 303,
        "Authorization request as a form post (answered as the GET)";
    OIDC_TOKEN = Post paths::OIDC_TOKEN, App, () => oidc::TokenResponse, 200,
        "Redeem an authorization code (form body; client_secret_basic, client_secret_post or none)";
    OIDC_USERINFO = Get paths::OIDC_USERINFO, App, () => oidc::UserInfo, 200, "Claims of the user (Bearer access token)";
    OIDC_USERINFO_FORM = Post paths::OIDC_USERINFO, App, () => oidc::UserInfo, 200,
        "Claims of the user (Bearer access token)";
    OIDC_LOGOUT = Get paths::OIDC_LOGOUT, App, () => (), 302,
        "RP-initiated logout: ends the session, then back to a registered address";
}

#[cfg(test)]
mod tests;
