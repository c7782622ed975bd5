//! The tenant's apps (OpenID Connect clients): what an admin registers, checked
//! once, stored in KV (read on every sign-in, changed rarely). A confidential app's
//! secret is stored as a keyed digest only.

use crate::methods::parse_name;
use crate::Millis;
use api::oidc::{ClientView, ExternalMethod, NewClient, SCOPES};
use serde::{Deserialize, Serialize};

/// Redirect addresses per app, and apps per tenant.
pub const MAX_URIS: usize = 10;
pub const MAX_CLIENTS: usize = 50;
/// Longest redirect address accepted.
pub const MAX_URI_LEN: usize = 2000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Client {
    pub id: String,
    pub name: String,
    pub redirect_uris: Vec<String>,
    #[serde(default)]
    pub post_logout_redirect_uris: Vec<String>,
    /// The keyed digest of a confidential app's secret (`Keyring::digest`).
    #[serde(default)]
    pub secret: Option<String>,
    pub scopes: Vec<String>,
    pub created_at: Millis,
    /// Microsoft Entra ID's external authentication method: the Entra tenant.
    #[serde(default)]
    pub eam: Option<ExternalMethod>,
}

/// What is wrong with a registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientProblem {
    Name,
    RedirectUri,
    Scope,
}

/// An app's registration, checked: a name, 1 to 10 redirect addresses (each one a
/// valid redirect, no duplicates), logout addresses likewise (0 to 10), scopes of
/// [`SCOPES`] with `openid` always in, in that order.
pub struct Registration {
    pub name: String,
    pub redirect_uris: Vec<String>,
    pub post_logout_redirect_uris: Vec<String>,
    pub scopes: Vec<String>,
    pub confidential: bool,
    pub eam: Option<ExternalMethod>,
}

pub fn check(new: NewClient) -> Result<Registration, ClientProblem> {
    let name = parse_name(&new.name).ok_or(ClientProblem::Name)?;
    let uris = |list: Vec<String>, min: usize| -> Result<Vec<String>, ClientProblem> {
        let mut out: Vec<String> = vec![];
        for uri in list {
            let uri = uri.trim().to_string();
            if !valid_redirect(&uri) {
                return Err(ClientProblem::RedirectUri);
            }
            if !out.contains(&uri) {
                out.push(uri);
            }
        }
        (min..=MAX_URIS).contains(&out.len()).then_some(out).ok_or(ClientProblem::RedirectUri)
    };
    let redirect_uris = uris(new.redirect_uris, 1)?;
    let post_logout_redirect_uris = uris(new.post_logout_redirect_uris, 0)?;
    if new.scopes.iter().any(|s| !SCOPES.contains(&s.as_str())) {
        return Err(ClientProblem::Scope);
    }
    // Entra's issuer and keys: https addresses like a redirect (loopback http for tests).
    if new.external_method.as_ref().is_some_and(|e| !valid_redirect(&e.issuer) || !valid_redirect(&e.jwks_uri)) {
        return Err(ClientProblem::RedirectUri);
    }
    let scopes = SCOPES.iter().filter(|s| **s == "openid" || new.scopes.iter().any(|n| n == *s)).map(|s| s.to_string());
    Ok(Registration {
        name,
        redirect_uris,
        post_logout_redirect_uris,
        scopes: scopes.collect(),
        // An external method gets its ID token in the front channel: no secret.
        confidential: new.confidential && new.external_method.is_none(),
        eam: new.external_method,
    })
}

/// An address an app may be sent back to: absolute `https://`, or `http://` on a
/// loopback host (an app on the user's own machine, RFC 8252 §7.3); no fragment,
/// no user info, no spaces or control characters. Compared later as an exact string.
pub fn valid_redirect(uri: &str) -> bool {
    if uri.is_empty() || uri.len() > MAX_URI_LEN || uri.contains('#') {
        return false;
    }
    if uri.chars().any(|c| c.is_control() || c.is_whitespace() || !c.is_ascii()) {
        return false;
    }
    let (rest, loopback_only) = match (uri.strip_prefix("https://"), uri.strip_prefix("http://")) {
        (Some(rest), _) => (rest, false),
        (None, Some(rest)) => (rest, true),
        _ => return false,
    };
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    if authority.contains('@') || authority.contains('\\') {
        return false;
    }
    let host = match authority.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((inner, tail)) if tail.is_empty() || valid_port(tail) => inner,
            _ => return false,
        },
        None => match authority.split_once(':') {
            Some((host, port)) if valid_port(&format!(":{port}")) => host,
            Some(_) => return false,
            None => authority,
        },
    };
    if host.is_empty() || host.bytes().any(|b| !(b.is_ascii_alphanumeric() || b"-.:".contains(&b))) {
        return false;
    }
    !loopback_only || matches!(host.to_ascii_lowercase().as_str(), "localhost" | "127.0.0.1" | "::1")
}

fn valid_port(tail: &str) -> bool {
    tail.strip_prefix(':').is_some_and(|p| (1..=5).contains(&p.len()) && p.parse::<u16>().is_ok_and(|n| n > 0))
}

impl Client {
    pub fn view(&self) -> ClientView {
        ClientView {
            client_id: self.id.clone(),
            name: self.name.clone(),
            redirect_uris: self.redirect_uris.clone(),
            post_logout_redirect_uris: self.post_logout_redirect_uris.clone(),
            confidential: self.secret.is_some(),
            scopes: self.scopes.clone(),
            created_at: self.created_at,
            external_method: self.eam.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirect_addresses_are_https_or_loopback_http() {
        for ok in [
            "https://app.example/cb",
            "https://app.example:8443/cb?x=1",
            "http://localhost:3000/callback",
            "http://127.0.0.1:8788/cb",
            "http://[::1]:9000/cb",
            "https://app.example",
        ] {
            assert!(valid_redirect(ok), "{ok}");
        }
        for bad in [
            "",
            "http://app.example/cb",
            "http://localhost.evil.example/cb",
            "https://app.example/cb#frag",
            "https://user@app.example/cb",
            "https://evil.example\\@app.example/",
            "javascript:alert(1)",
            "//app.example/cb",
            "https:///cb",
            "https://app.example:0/cb",
            "https://app.example:99999/cb",
            "https://app.example/ cb",
            "https://app.éxample/cb",
            "HTTPS://app.example/cb",
            "custom.scheme:/cb",
        ] {
            assert!(!valid_redirect(bad), "{bad}");
        }
        assert!(!valid_redirect(&format!("https://app.example/{}", "a".repeat(MAX_URI_LEN))));
    }

    fn new(uris: &[&str], scopes: &[&str]) -> NewClient {
        NewClient {
            name: " Payroll ".into(),
            redirect_uris: uris.iter().map(|s| s.to_string()).collect(),
            post_logout_redirect_uris: vec![],
            confidential: true,
            scopes: scopes.iter().map(|s| s.to_string()).collect(),
            external_method: None,
        }
    }

    #[test]
    fn registrations_are_checked_and_normalised() {
        let r = check(new(&["https://a.example/cb", "https://a.example/cb"], &["email"])).unwrap();
        assert_eq!(r.name, "Payroll");
        assert_eq!(r.redirect_uris, ["https://a.example/cb"], "duplicates folded");
        assert_eq!(r.scopes, ["openid", "email"], "openid always, in order");
        assert_eq!(check(new(&[], &[])).err(), Some(ClientProblem::RedirectUri));
        assert_eq!(check(new(&["http://a.example/cb"], &[])).err(), Some(ClientProblem::RedirectUri));
        assert_eq!(check(new(&["https://a.example/cb"], &["offline_access"])).err(), Some(ClientProblem::Scope));
        let eleven: Vec<String> = (0..11).map(|i| format!("https://a.example/{i}")).collect();
        let many = NewClient { redirect_uris: eleven, ..new(&[], &[]) };
        assert_eq!(check(many).err(), Some(ClientProblem::RedirectUri));
        let unnamed = NewClient { name: "  ".into(), ..new(&["https://a.example/cb"], &[]) };
        assert_eq!(check(unnamed).err(), Some(ClientProblem::Name));
    }
}
