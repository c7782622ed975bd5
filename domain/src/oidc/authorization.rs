//! The authorization request (OpenID Connect Core §3.1.2, RFC 6749 §4.1, RFC 7636):
//! parsed and checked in the order the specifications require. Until the client
//! and its redirect address are known good, an error is shown on our own page and
//! never redirected to (§3.1.2.6); after that, errors go back to the client.

use super::clients::Client;
use crate::Millis;

/// Longest value of one parameter, and of all of them together.
pub const MAX_VALUE: usize = api::oidc::MAX_PARAMETER;
pub const MAX_HINT: usize = api::oidc::MAX_HINT;
pub const MAX_TOTAL: usize = 8192;
/// Our own parameter on a continued request: sign in again after this time
/// (`prompt=login`, `max_age`), in milliseconds.
pub const LOGIN_AFTER: &str = "login_after";
/// What an `acr_values` entry asking for a second step may say.
pub const ACR_MFA: &str = "mfa";
pub const ACR_PWD: &str = "pwd";
/// Microsoft Entra's name for a second factor (external authentication methods).
pub const ACR_POSSESSION: &str = "possessionorinherence";

/// Errors shown on our page: the request cannot be answered at its redirect address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageError {
    /// Too long, or `client_id`/`redirect_uri` missing or given twice.
    Malformed,
    UnknownClient,
    /// Not one of the client's registered addresses, exactly.
    RedirectMismatch,
    /// An external authentication method's `id_token_hint` is not from the
    /// configured Entra tenant for this app (forged, another audience or issuer, old).
    Hint,
    /// The hint names no user of this tenant.
    UnknownUser,
}

impl PageError {
    /// The Fluent message of the page.
    pub fn message_id(self) -> &'static str {
        match self {
            PageError::Malformed => "oidc-error-malformed",
            PageError::UnknownClient => "oidc-error-unknown-client",
            PageError::RedirectMismatch => "oidc-error-redirect-mismatch",
            PageError::Hint => "oidc-error-hint",
            PageError::UnknownUser => "oidc-error-unknown-user",
        }
    }
}

/// An error for the client (RFC 6749 §4.1.2.1, OpenID Connect Core §3.1.2.6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientError {
    pub error: &'static str,
    pub description: &'static str,
}

const fn refuse(error: &'static str, description: &'static str) -> ClientError {
    ClientError { error, description }
}

/// `prompt` as sent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Prompt {
    pub none: bool,
    pub login: bool,
}

/// A checked authorization request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthRequest {
    pub client: Client,
    pub redirect_uri: String,
    pub state: Option<String>,
    pub nonce: Option<String>,
    /// Granted scopes: those asked for that the client may have, `openid` first.
    pub scopes: Vec<String>,
    /// What the app gets back.
    pub flow: Flow,
    pub prompt: Prompt,
    /// Seconds since the user last signed in with a password or passkey.
    pub max_age: Option<u64>,
    pub login_hint: Option<String>,
    pub ui_locales: Option<String>,
    /// `acr_values` asked for a second step.
    pub mfa: bool,
    pub login_after: Option<Millis>,
}

/// What the app asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flow {
    /// A code in the query, bound to this PKCE S256 challenge.
    Code { challenge: String },
    /// Microsoft Entra's external authentication method: an ID token posted back
    /// (`response_type=id_token`, `response_mode=form_post`) for the user Entra's
    /// `id_token_hint` names, after this product's second step only.
    ExternalMethod { hint: String },
}

impl Flow {
    pub fn form_post(&self) -> bool {
        matches!(self, Flow::ExternalMethod { .. })
    }
}

/// The parameters of a request, from its query or form body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params(pub Vec<(String, String)>);

impl Params {
    /// The one value of `name`; `Err` when it is given twice (RFC 6749 §3.1).
    fn one(&self, name: &str) -> Result<Option<&str>, ()> {
        let mut found = self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str());
        let first = found.next();
        match found.next() {
            Some(_) => Err(()),
            None => Ok(first.filter(|v| !v.is_empty())),
        }
    }

    fn size(&self) -> usize {
        self.0.iter().map(|(k, v)| k.len() + v.len() + 2).sum()
    }

    /// The client and redirect address asked for, before anything else is read.
    pub fn client(&self) -> Result<(&str, &str), PageError> {
        let too_long = |(k, v): &(String, String)| v.len() > if k == "id_token_hint" { MAX_HINT } else { MAX_VALUE };
        if self.size() > MAX_TOTAL || self.0.iter().any(too_long) {
            return Err(PageError::Malformed);
        }
        let client = self.one("client_id").ok().flatten().ok_or(PageError::Malformed)?;
        let redirect = self.one("redirect_uri").ok().flatten().ok_or(PageError::Malformed)?;
        Ok((client, redirect))
    }
}

/// Why an authorization request gets no code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// Shown on our own page.
    Page(PageError),
    /// Sent back to the client's registered address (posted for an external method).
    Client { redirect_uri: String, state: Option<String>, error: ClientError, form_post: bool },
}

/// Checks the request for `client` (found by [`Params::client`]). A redirect
/// address the client has not registered is a page error; everything after goes
/// back to the client (with `state` where it could be read).
pub fn check(params: &Params, client: Client) -> Result<AuthRequest, Refused> {
    let (_, redirect) = params.client().map_err(Refused::Page)?;
    if !client.redirect_uris.iter().any(|r| r == redirect) {
        return Err(Refused::Page(PageError::RedirectMismatch));
    }
    let redirect_uri = redirect.to_string();
    let state = params.one("state").ok().flatten().map(str::to_string);
    let form_post = client.eam.is_some();
    checked(params, client, redirect_uri.clone(), state.clone()).map_err(|error| Refused::Client {
        redirect_uri,
        state,
        error,
        form_post,
    })
}

fn checked(
    params: &Params,
    client: Client,
    redirect_uri: String,
    state: Option<String>,
) -> Result<AuthRequest, ClientError> {
    let dup = |_| refuse("invalid_request", "a parameter was given more than once");
    let one = |name: &str| params.one(name).map_err(dup);
    if one("request")?.is_some() {
        return Err(refuse("request_not_supported", "request objects are not supported"));
    }
    if one("request_uri")?.is_some() {
        return Err(refuse("request_uri_not_supported", "request_uri is not supported"));
    }
    if one("registration")?.is_some() {
        return Err(refuse("registration_not_supported", "registration is not supported"));
    }
    let external = client.eam.is_some();
    match (one("response_type")?, external) {
        (Some("code"), false) | (Some("id_token"), true) => {}
        (None, _) => return Err(refuse("invalid_request", "response_type is required")),
        (Some(_), false) => return Err(refuse("unsupported_response_type", "only response_type=code is supported")),
        (Some(_), true) => return Err(refuse("unsupported_response_type", "an external method answers id_token")),
    }
    match (one("response_mode")?, external) {
        (None | Some("query"), false) | (Some("form_post"), true) => {}
        _ => return Err(refuse("invalid_request", "response_mode is query (form_post for an external method)")),
    }
    let asked: Vec<&str> = one("scope")?.unwrap_or_default().split(' ').filter(|s| !s.is_empty()).collect();
    if !asked.contains(&"openid") {
        return Err(refuse("invalid_scope", "scope must contain openid"));
    }
    let scopes = client.scopes.iter().filter(|s| asked.contains(&s.as_str())).cloned().collect();
    let flow = if external {
        // The answer is an ID token in the front channel: bound by its nonce.
        if one("nonce")?.is_none() {
            return Err(refuse("invalid_request", "nonce is required"));
        }
        let hint = one("id_token_hint")?.ok_or(refuse("invalid_request", "id_token_hint is required"))?;
        Flow::ExternalMethod { hint: hint.to_string() }
    } else {
        let challenge = one("code_challenge")?.ok_or(refuse("invalid_request", "PKCE is required (code_challenge)"))?;
        if one("code_challenge_method")? != Some("S256") {
            return Err(refuse("invalid_request", "code_challenge_method must be S256"));
        }
        if challenge.len() != 43 || !challenge.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
            return Err(refuse("invalid_request", "code_challenge must be a base64url SHA-256"));
        }
        Flow::Code { challenge: challenge.to_string() }
    };
    let mut prompt = Prompt::default();
    for value in one("prompt")?.unwrap_or_default().split(' ').filter(|s| !s.is_empty()) {
        match value {
            "none" => prompt.none = true,
            "login" => prompt.login = true,
            // First-party apps: no consent screen and one account per session.
            "consent" | "select_account" => {}
            _ => return Err(refuse("invalid_request", "unknown prompt value")),
        }
    }
    if prompt.none && prompt.login {
        return Err(refuse("invalid_request", "prompt=none cannot be combined"));
    }
    let max_age = match one("max_age")? {
        Some(v) => Some(v.parse::<u64>().map_err(|_| refuse("invalid_request", "max_age must be a number"))?),
        None => None,
    };
    let login_after = match one(LOGIN_AFTER)? {
        Some(v) => Some(v.parse::<Millis>().map_err(|_| refuse("invalid_request", "malformed login_after"))?),
        None => None,
    };
    // An external method is the second factor: always asked for.
    let mfa =
        external || one("acr_values")?.unwrap_or_default().split(' ').any(|v| v == ACR_MFA || v == ACR_POSSESSION);
    Ok(AuthRequest {
        client,
        redirect_uri,
        state,
        nonce: one("nonce")?.map(str::to_string),
        scopes,
        flow,
        prompt,
        max_age,
        login_hint: one("login_hint")?.map(str::to_string),
        ui_locales: one("ui_locales")?.map(str::to_string),
        mfa,
        login_after,
    })
}

/// `uri` with `pairs` added to its query.
pub fn with_query(uri: &str, pairs: &[(&str, String)]) -> String {
    let joint = if uri.contains('?') { '&' } else { '?' };
    format!("{uri}{joint}{}", crate::providers::form::form_encode(pairs))
}

/// An error's fields for the client (with `state` and `iss`, RFC 9207).
pub fn error_fields(state: Option<&str>, issuer: &str, e: &ClientError) -> Vec<(&'static str, String)> {
    let mut pairs = vec![("error", e.error.to_string()), ("error_description", e.description.to_string())];
    pairs.extend(state.map(|s| ("state", s.to_string())));
    pairs.push(("iss", issuer.to_string()));
    pairs
}
