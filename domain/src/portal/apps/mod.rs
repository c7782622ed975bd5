//! Apps sign in through the tenant (OpenID Connect): an admin registers them
//! (here, with what users see of them); an authorization request runs this
//! product's own sign-in, second step and setup (`authorize`), or only the second
//! step for Microsoft Entra's external method (`external`); codes and refresh
//! tokens are exchanged once for tokens, and UserInfo answers (`exchange`).

mod authorize;
mod exchange;
mod external;

use super::admin::require_admin;
use super::second_step::has_second_step;
use super::{Authenticated, Portal};
use crate::delivery::Courier;
use crate::email::EmailAddress;
use crate::entropy::{self, Entropy};
use crate::ledger::{self as op, Ledgers};
use crate::methods::valid_id;
use crate::oidc::authorization::{self as authz, AuthRequest, ClientError, Flow, PageError, Params, Refused};
use crate::oidc::clients::{self, Client, ClientProblem, MAX_CLIENTS};
use crate::oidc::hint;
use crate::oidc::signing::SigningKeys;
use crate::oidc::tokens::{
    self, AccessToken, Exchange, IdToken, TokenError, INVALID_CLIENT, INVALID_GRANT, INVALID_TOKEN,
};
use crate::session::SecondStep;
use crate::store::{get_json, put_json, Store};
use crate::tenant::{normalise_username, User};
use crate::{keys, Error};
use api::oidc::{ClientCreated, ClientView, ConnectedApp, NewClient, TokenResponse, UserInfo};
use api::AuditAction;
use sha2::{Digest, Sha256};

/// What an authorization request leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Authorization {
    /// Back to the app: a code, or an error for it.
    Redirect(String),
    /// Back to the app as a form the browser posts (`response_mode=form_post`).
    FormPost { to: String, fields: Vec<(&'static str, String)> },
    /// Our own error page: the client or its address cannot be trusted.
    Page(PageError),
    /// The user has something to do on our pages first (sign in, the second step,
    /// required setup); the SPA then continues the request. `lang`: from `ui_locales`;
    /// `session`: a new session's token for the cookie (an external method's user).
    Interact { to: String, lang: Option<&'static str>, session: Option<String> },
}

/// What the user must do before the app gets a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Interaction {
    /// Sign in (again: `prompt=login`, `max_age`, or a pass session).
    SignIn,
    SecondStep,
    Setup,
    /// The app asked for a second factor the session has not shown.
    SecondFactor,
}

/// A storage fault, or the OAuth error the client gets.
pub type AppResult<T> = Result<Result<T, TokenError>, Error>;

fn digest(code: &str) -> String {
    entropy::hex(&Sha256::digest(code.as_bytes()))
}

impl<S: Store, L: Ledgers, M: Courier, E: Entropy> Portal<'_, S, L, M, E> {
    /// The issuer: the tenant's origin (and development prefix).
    pub fn issuer(&self) -> &str {
        self.link_base
    }

    pub(super) fn signing(&self) -> Result<&SigningKeys, Error> {
        self.signing.ok_or_else(|| Error::Storage("no OpenID Connect signing keys (OIDC_SIGNING_KEYS)".into()))
    }

    pub(super) async fn client(&self, id: &str) -> Result<Option<Client>, Error> {
        if !valid_id(id) {
            return Ok(None);
        }
        get_json(self.store, &keys::client(&self.tenant.id, id)).await
    }

    async fn all_clients(&self) -> Result<Vec<Client>, Error> {
        let mut out = vec![];
        for key in self.store.list(&keys::clients(&self.tenant.id), MAX_CLIENTS + 1).await? {
            out.extend(get_json::<S, Client>(self.store, &key).await?);
        }
        out.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
        Ok(out)
    }

    pub async fn clients(&self, auth: &Authenticated) -> Result<Vec<ClientView>, Error> {
        require_admin(auth)?;
        Ok(self.all_clients().await?.iter().map(Client::view).collect())
    }

    /// Registers an app (a recent second step, like any change to security); a
    /// confidential app's secret is returned this once and stored as a keyed digest.
    pub async fn register_client(&self, auth: &Authenticated, new: NewClient) -> Result<ClientCreated, Error> {
        require_admin(auth)?;
        self.require_recent_second_step(auth, &self.methods(auth).await?).await?;
        let r = clients::check(new).map_err(|p| match p {
            ClientProblem::Name => Error::InvalidName,
            ClientProblem::RedirectUri => Error::InvalidRedirectUri,
            ClientProblem::Scope => Error::InvalidScope,
        })?;
        if self.all_clients().await?.len() >= MAX_CLIENTS {
            return Err(Error::TooManyClients);
        }
        let secret = r.confidential.then(|| entropy::token::<E, 32>(self.entropy));
        let client = Client {
            id: entropy::token::<E, 16>(self.entropy),
            name: r.name,
            redirect_uris: r.redirect_uris,
            post_logout_redirect_uris: r.post_logout_redirect_uris,
            secret: match &secret {
                Some(s) => Some(self.keys()?.digest(s)),
                None => None,
            },
            scopes: r.scopes,
            created_at: self.now,
            eam: r.eam,
        };
        put_json(self.store, &keys::client(&self.tenant.id, &client.id), &client, None).await?;
        let action = AuditAction::ClientRegistered { client_id: client.id.clone(), name: client.name.clone() };
        self.audit(auth, action).await?;
        Ok(ClientCreated { client: client.view(), client_secret: secret })
    }

    /// Removes an app: its codes and tokens stop working (each use reads it).
    pub async fn delete_client(&self, auth: &Authenticated, id: &str) -> Result<(), Error> {
        require_admin(auth)?;
        self.require_recent_second_step(auth, &self.methods(auth).await?).await?;
        let client = self.client(id).await?.ok_or(Error::ClientNotFound)?;
        self.store.delete(&keys::client(&self.tenant.id, id)).await?;
        self.audit(auth, AuditAction::ClientDeleted { client_id: client.id, name: client.name }).await
    }

    /// The apps the user is signed in to, newest first.
    pub async fn connected_apps(&self, auth: &Authenticated) -> Result<Vec<ConnectedApp>, Error> {
        auth.require_full()?;
        let mut grants = self.ledger(&self.user_ledger(auth), op::LiveGrants {}).await?;
        grants.retain(|g| auth.user.sessions_after.is_none_or(|after| g.auth_time > after));
        grants.sort_by_key(|g| std::cmp::Reverse(g.auth_time));
        let mut apps: Vec<ConnectedApp> = vec![];
        for grant in grants {
            match apps.iter_mut().find(|a| a.client_id == grant.client_id) {
                Some(app) => app.last_used_at = app.last_used_at.max(grant.used_at),
                None => apps.push(ConnectedApp {
                    client_id: grant.client_id,
                    name: String::new(),
                    signed_in_at: grant.auth_time,
                    last_used_at: grant.used_at,
                }),
            }
        }
        let mut out = vec![];
        for mut app in apps {
            // An app removed by the admin is no longer connected to anything.
            if let Some(client) = self.client(&app.client_id).await? {
                app.name = client.name;
                out.push(app);
            }
        }
        Ok(out)
    }

    /// Signs the user out of an app: its refresh and access tokens stop working.
    pub async fn disconnect_app(&self, auth: &Authenticated, client_id: &str) -> Result<(), Error> {
        auth.require_full()?;
        let ended = self.ledger(&self.user_ledger(auth), op::RevokeApp { client_id: client_id.to_string() }).await?;
        if ended == 0 {
            return Err(Error::ClientNotFound);
        }
        Ok(())
    }
}
