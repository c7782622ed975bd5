//! Apps sign in through the tenant (OpenID Connect): an admin registers them; an
//! authorization request runs this product's own sign-in, second step and setup,
//! then sends the browser back with a code; the code is redeemed once for an ID
//! token and an access token; UserInfo answers with the claims its scopes allow.

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

    fn signing(&self) -> Result<&SigningKeys, Error> {
        self.signing.ok_or_else(|| Error::Storage("no OpenID Connect signing keys (OIDC_SIGNING_KEYS)".into()))
    }

    async fn client(&self, id: &str) -> Result<Option<Client>, Error> {
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

    /// Where the key set of an external-method app's Entra tenant is, if the request
    /// is for one (the worker fetches it for [`Self::authorize`]).
    pub async fn external_keys(&self, params: &Params) -> Result<Option<String>, Error> {
        let Ok((client_id, _)) = params.client() else { return Ok(None) };
        Ok(self.client(client_id).await?.and_then(|c| c.eam).map(|e| e.jwks_uri))
    }

    /// An authorization request (query or form), with the session of the
    /// browser's cookie if it has a live one; `entra_keys`: the key set of an
    /// external-method app's Entra tenant (JSON), when it is for one.
    pub async fn authorize(
        &self,
        params: &Params,
        session: Option<&Authenticated>,
        entra_keys: Option<&str>,
    ) -> Result<Authorization, Error> {
        let client_id = match params.client() {
            Ok((id, _)) => id.to_string(),
            Err(e) => return Ok(Authorization::Page(e)),
        };
        let Some(client) = self.client(&client_id).await? else {
            return Ok(Authorization::Page(PageError::UnknownClient));
        };
        let request = match authz::check(params, client) {
            Ok(r) => r,
            Err(Refused::Page(e)) => return Ok(Authorization::Page(e)),
            Err(Refused::Client { redirect_uri, state, error, form_post }) => {
                return Ok(self.answer(
                    redirect_uri,
                    form_post,
                    authz::error_fields(state.as_deref(), self.issuer(), &error),
                ))
            }
        };
        let back = |error: ClientError| {
            let fields = authz::error_fields(request.state.as_deref(), self.issuer(), &error);
            self.answer(request.redirect_uri.clone(), request.flow.form_post(), fields)
        };
        if let Flow::ExternalMethod { hint } = &request.flow {
            return self.external_method(params, &request, hint, session, entra_keys).await;
        }
        let interaction = self.interaction(&request, session).await?;
        match (interaction, session) {
            (Some(Interaction::SignIn), _) if request.prompt.none => {
                Ok(back(ClientError { error: "login_required", description: "the user must sign in" }))
            }
            (Some(_), _) if request.prompt.none => {
                Ok(back(ClientError { error: "interaction_required", description: "the user must act first" }))
            }
            (Some(need), _) => Ok(self.interact(params, &request, need, session.is_some(), None)),
            (None, Some(auth)) if auth.user.reset_required => {
                Ok(back(ClientError { error: "access_denied", description: "the user must reset the password" }))
            }
            (None, Some(auth)) => self.issue_code(&request, auth).await,
            (None, None) => Ok(back(ClientError { error: "login_required", description: "the user must sign in" })),
        }
    }

    async fn interaction(
        &self,
        request: &AuthRequest,
        session: Option<&Authenticated>,
    ) -> Result<Option<Interaction>, Error> {
        let Some(auth) = session else { return Ok(Some(Interaction::SignIn)) };
        let s = &auth.session;
        // A Temporary Access Pass registers methods; it never signs in to an app.
        let stale = match request.login_after {
            // The continued request: a sign-in since it was made is enough (a time
            // still to come counts as now, so a made-up one cannot loop).
            Some(after) => s.created_at <= after.min(self.now),
            None => {
                request.prompt.login
                    || request.max_age.is_some_and(|max| self.now > s.created_at.saturating_add(max * 1000))
            }
        };
        if s.access_pass.is_some() || stale {
            return Ok(Some(Interaction::SignIn));
        }
        if s.second_step == SecondStep::Pending {
            return Ok(Some(Interaction::SecondStep));
        }
        if self.setup_view(auth).await?.is_some() {
            return Ok(Some(Interaction::Setup));
        }
        if request.mfa && tokens::amr_claim(&s.amr).iter().all(|a| a != "mfa") {
            return Ok(Some(Interaction::SecondFactor));
        }
        Ok(None)
    }

    /// The answer to the app at `to`: in the query, or as a form the browser posts.
    fn answer(&self, to: String, form_post: bool, fields: Vec<(&'static str, String)>) -> Authorization {
        if form_post {
            Authorization::FormPost { to, fields }
        } else {
            Authorization::Redirect(authz::with_query(&to, &fields))
        }
    }

    /// Microsoft Entra's external authentication method: Entra's hint names the
    /// user (the first factor happened there); this product runs only the second
    /// step (a user without one adds one), then posts an ID token back with the
    /// hint's subject and what the user did here.
    async fn external_method(
        &self,
        params: &Params,
        request: &AuthRequest,
        hint: &str,
        session: Option<&Authenticated>,
        entra_keys: Option<&str>,
    ) -> Result<Authorization, Error> {
        let eam = request.client.eam.as_ref().ok_or_else(|| Error::Storage("not an external method".into()))?;
        let keys = entra_keys.ok_or_else(|| Error::Storage(format!("no keys from {}", eam.jwks_uri)))?;
        let Ok(hint) = hint::check(hint, keys, &eam.issuer, &request.client.id, self.now) else {
            return Ok(Authorization::Page(PageError::Hint));
        };
        let user = match normalise_username(&hint.username) {
            Some(name) => match self.store.get(&keys::username(&self.tenant.id, &name)).await? {
                Some(id) => get_json::<S, User>(self.store, &keys::user(&self.tenant.id, &id)).await?,
                None => None,
            },
            None => None,
        };
        let Some(user) = user else { return Ok(Authorization::Page(PageError::UnknownUser)) };
        let fields = |error: &'static str, description: &'static str| {
            authz::error_fields(request.state.as_deref(), self.issuer(), &ClientError { error, description })
        };
        if user.reset_required {
            let denied = fields("access_denied", "the user must reset the password");
            return Ok(self.answer(request.redirect_uri.clone(), true, denied));
        }
        // The second step passed in this browser since the request began.
        let mine = session.filter(|a| a.user.id == user.id && a.session.access_pass.is_none());
        if let (Some(auth), Some(after)) = (mine, request.login_after) {
            if let SecondStep::Passed { at } = auth.session.second_step {
                if at >= after && !tokens::second_factors(&auth.session.amr).is_empty() {
                    return self.post_id_token(request, auth, &hint.sub, at).await;
                }
            }
            if auth.session.second_step != SecondStep::Pending {
                // No second-step method yet: the user adds one, then continues.
                return Ok(self.interact(params, request, Interaction::SecondFactor, true, None));
            }
        }
        // A session for the hint's user that can only pass the second step (or, for
        // a user without one, add one): no password here, Entra had the first factor.
        let methods = self.methods_of(&self.tenant.id, &user.id).await?;
        let second_step =
            if has_second_step(&self.tenant.policy, &methods) { SecondStep::Pending } else { SecondStep::NotRequired };
        let need = if second_step == SecondStep::Pending { Interaction::SecondStep } else { Interaction::SecondFactor };
        let signed = self.open_session(user, second_step, None, vec![]).await?;
        Ok(self.interact(params, request, need, false, Some(signed.token)))
    }

    /// The external method's answer: an ID token for Entra, posted back.
    async fn post_id_token(
        &self,
        request: &AuthRequest,
        auth: &Authenticated,
        subject: &str,
        at: crate::Millis,
    ) -> Result<Authorization, Error> {
        let id_token = IdToken {
            iss: self.issuer().to_string(),
            aud: request.client.id.clone(),
            azp: request.client.id.clone(),
            exp: tokens::seconds(self.now + tokens::ID_TTL),
            iat: tokens::seconds(self.now),
            auth_time: tokens::seconds(at),
            nonce: request.nonce.clone(),
            sid: auth.session.id.clone(),
            acr: authz::ACR_POSSESSION.to_string(),
            amr: tokens::second_factors(&auth.session.amr),
            profile: UserInfo {
                sub: subject.to_string(),
                name: None,
                preferred_username: None,
                email: None,
                email_verified: None,
            },
        };
        let jwt =
            self.signing()?.sign(tokens::ID_TYP, &id_token).ok_or_else(|| Error::Storage("signing failed".into()))?;
        self.log(&auth.tenant, &auth.user.id, api::Activity::SignedInToApp { app: request.client.name.clone() }).await;
        let mut fields = vec![("id_token", jwt)];
        fields.extend(request.state.clone().map(|s| ("state", s)));
        Ok(Authorization::FormPost { to: request.redirect_uri.clone(), fields })
    }

    /// Our sign-in page, told to continue the request when the user is done.
    fn interact(
        &self,
        params: &Params,
        request: &AuthRequest,
        need: Interaction,
        signed_in: bool,
        session: Option<String>,
    ) -> Authorization {
        // Asked to sign in again, or given a new session: what happens from now counts.
        let restart = need == Interaction::SignIn || session.is_some();
        let mut pairs: Vec<(&str, String)> = params
            .0
            .iter()
            .filter(|(k, _)| !restart || k != authz::LOGIN_AFTER)
            .map(|(k, v)| (k.as_str(), v.clone()))
            .collect();
        if restart {
            pairs.push((authz::LOGIN_AFTER, self.now.to_string()));
        }
        let path = api::endpoints::OIDC_AUTHORIZE.route.path;
        let resume = authz::with_query(&format!("{}{path}", self.issuer()), &pairs);
        let mut page = vec![("continue", resume)];
        if need == Interaction::SignIn && signed_in {
            page.push(("login", "1".into()));
        }
        if need == Interaction::SecondFactor {
            page.push(("need", "second-factor".into()));
        }
        page.extend(request.login_hint.clone().map(|h| ("login_hint", h)));
        let lang = request.ui_locales.as_deref().and_then(|l| {
            l.split(' ').find_map(|tag| {
                let chosen = api::negotiate_language(tag);
                (chosen.eq_ignore_ascii_case(tag) || tag.split('-').next() == chosen.split('-').next())
                    .then_some(chosen)
            })
        });
        Authorization::Interact { to: authz::with_query(&format!("{}/signin", self.issuer()), &page), lang, session }
    }

    async fn issue_code(&self, request: &AuthRequest, auth: &Authenticated) -> Result<Authorization, Error> {
        // The code names its user, so its redemption finds the user's ledger at once.
        let code = format!("{}.{}", auth.user.id, entropy::token::<E, 32>(self.entropy));
        let grant = op::Grant {
            id: entropy::token::<E, 16>(self.entropy),
            code: digest(&code),
            client_id: request.client.id.clone(),
            redirect_uri: request.redirect_uri.clone(),
            challenge: match &request.flow {
                Flow::Code { challenge } => challenge.clone(),
                Flow::ExternalMethod { .. } => return Err(Error::Storage("no code for an external method".into())),
            },
            nonce: request.nonce.clone(),
            scopes: request.scopes.clone(),
            sid: auth.session.id.clone(),
            auth_time: auth.session.created_at,
            amr: tokens::amr_claim(&auth.session.amr),
            code_expires_at: self.now + tokens::CODE_TTL,
            redeemed: false,
            revoked: false,
            expires_at: self.now + tokens::CODE_TTL,
            refresh: None,
            spent: vec![],
            used_at: self.now,
        };
        self.ledger(&self.user_ledger(auth), op::IssueCode { grant: Box::new(grant) }).await?;
        self.log(&auth.tenant, &auth.user.id, api::Activity::SignedInToApp { app: request.client.name.clone() }).await;
        let mut pairs = vec![("code", code)];
        pairs.extend(request.state.clone().map(|s| ("state", s)));
        pairs.push(("iss", self.issuer().to_string()));
        Ok(self.answer(request.redirect_uri.clone(), false, pairs))
    }

    /// The token endpoint: a code, redeemed once by the client it was issued to, or
    /// a refresh token, exchanged once for the next.
    pub async fn token(&self, form: &Params, basic: Option<(String, String)>) -> AppResult<TokenResponse> {
        let r = match tokens::request(form, basic) {
            Ok(r) => r,
            Err(e) => return Ok(Err(e)),
        };
        let Some(client) = self.client(r.client.client_id()).await? else { return Ok(Err(INVALID_CLIENT)) };
        let authenticated = match (&r.client, &client.secret) {
            (tokens::ClientAuth::Secret { secret, .. }, Some(stored)) => self.keys()?.digest_matches(stored, secret),
            (tokens::ClientAuth::Public { .. }, None) => true,
            _ => false,
        };
        if !authenticated {
            return Ok(Err(INVALID_CLIENT));
        }
        // Codes and refresh tokens name their user: the user's ledger holds the grant.
        let presented = match &r.exchange {
            Exchange::Code { code, .. } => code,
            Exchange::Refresh { token } => token,
        };
        let Some((user_id, _)) = presented.rsplit_once('.') else { return Ok(Err(INVALID_GRANT)) };
        if !valid_id(user_id) {
            return Ok(Err(INVALID_GRANT));
        }
        let Some(user) = get_json::<S, User>(self.store, &keys::user(&self.tenant.id, user_id)).await? else {
            return Ok(Err(INVALID_GRANT));
        };
        let refresh = format!("{user_id}.{}", entropy::token::<E, 32>(self.entropy));
        let ledger = keys::ledger::user(&self.tenant.id, user_id);
        let (grant, nonce) = match r.exchange {
            Exchange::Code { code, redirect_uri, challenge } => {
                let redeem = op::RedeemCode {
                    code: digest(&code),
                    client_id: client.id.clone(),
                    redirect_uri,
                    challenge,
                    refresh: digest(&refresh),
                    until: self.now + tokens::REFRESH_IDLE,
                };
                match self.ledger(&ledger, redeem).await? {
                    Ok(grant) => {
                        let nonce = grant.nonce.clone();
                        (grant, nonce)
                    }
                    Err(_) => return Ok(Err(INVALID_GRANT)),
                }
            }
            Exchange::Refresh { token } => {
                let rotate = op::RotateRefresh {
                    client_id: client.id.clone(),
                    old: digest(&token),
                    new: digest(&refresh),
                    idle: tokens::REFRESH_IDLE,
                    max: tokens::GRANT_MAX,
                };
                match self.ledger(&ledger, rotate).await? {
                    // A refreshed ID token has no nonce (OpenID Connect Core §12.2).
                    Ok(grant) => (grant, None),
                    Err(_) => return Ok(Err(INVALID_GRANT)),
                }
            }
        };
        // Sessions ended since the sign-in (password reset, "This wasn't me"): no tokens.
        if user.reset_required || user.sessions_after.is_some_and(|after| grant.auth_time <= after) {
            return Ok(Err(INVALID_GRANT));
        }
        let issuer = self.issuer().to_string();
        let scope = grant.scopes.join(" ");
        let id_token = IdToken {
            iss: issuer.clone(),
            aud: client.id.clone(),
            azp: client.id.clone(),
            exp: tokens::seconds(self.now + tokens::ID_TTL),
            iat: tokens::seconds(self.now),
            auth_time: tokens::seconds(grant.auth_time),
            nonce,
            sid: grant.sid.clone(),
            acr: tokens::acr_claim(&grant.amr).to_string(),
            amr: grant.amr.clone(),
            profile: self.claims(&user, &grant.scopes),
        };
        let access = AccessToken {
            iss: issuer.clone(),
            sub: user.id.clone(),
            aud: issuer,
            client_id: client.id.clone(),
            exp: tokens::seconds(self.now + tokens::ACCESS_TTL),
            iat: tokens::seconds(self.now),
            jti: grant.id.clone(),
            scope: scope.clone(),
        };
        let keys = self.signing()?;
        let signed = keys.sign(tokens::ID_TYP, &id_token).zip(keys.sign(tokens::ACCESS_TYP, &access));
        let (id_token, access_token) = signed.ok_or_else(|| Error::Storage("signing a token failed".into()))?;
        Ok(Ok(TokenResponse {
            access_token,
            token_type: "Bearer".into(),
            expires_in: tokens::ACCESS_TTL / 1000,
            id_token,
            refresh_token: Some(refresh),
            scope,
        }))
    }

    /// The claims `scopes` allow: `profile` the names, `email` the work address
    /// (the username when it is one; verified when the organization owns its domain).
    fn claims(&self, user: &User, scopes: &[String]) -> UserInfo {
        let has = |s: &str| scopes.iter().any(|x| x == s);
        let email = EmailAddress::parse(&user.username).filter(|_| has("email"));
        UserInfo {
            sub: user.id.clone(),
            name: has("profile").then(|| user.display_name.clone()),
            preferred_username: has("profile").then(|| user.username.clone()),
            email_verified: email.as_ref().map(|e| self.tenant.own_domains.iter().any(|d| e.domain() == d)),
            email: email.map(|e| e.as_str().to_string()),
        }
    }

    /// UserInfo: the claims of a live access token's user.
    pub async fn userinfo(&self, bearer: &str) -> AppResult<UserInfo> {
        let Some(token) = self.signing()?.verify::<AccessToken>(tokens::ACCESS_TYP, bearer) else {
            return Ok(Err(INVALID_TOKEN));
        };
        if token.iss != self.issuer() || tokens::seconds(self.now) >= token.exp || !valid_id(&token.sub) {
            return Ok(Err(INVALID_TOKEN));
        }
        if self.client(&token.client_id).await?.is_none() {
            return Ok(Err(INVALID_TOKEN));
        }
        let live = op::GrantLive { id: token.jti.clone() };
        if !self.ledger(&keys::ledger::user(&self.tenant.id, &token.sub), live).await? {
            return Ok(Err(INVALID_TOKEN));
        }
        let Some(user) = get_json::<S, User>(self.store, &keys::user(&self.tenant.id, &token.sub)).await? else {
            return Ok(Err(INVALID_TOKEN));
        };
        if user.reset_required || user.sessions_after.is_some_and(|after| token.iat * 1000 <= after) {
            return Ok(Err(INVALID_TOKEN));
        }
        let scopes: Vec<String> = token.scope.split(' ').map(str::to_string).collect();
        Ok(Ok(self.claims(&user, &scopes)))
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

    /// RP-initiated logout: where to send the browser once the session is ended (a
    /// registered logout address of the app the ID token was for), or our sign-in
    /// page; `Err` for an address that is not registered.
    pub async fn logout_target(&self, params: &Params) -> Result<Result<String, PageError>, Error> {
        let one = |name: &str| params.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
        let Some(target) = one("post_logout_redirect_uri") else {
            return Ok(Ok(format!("{}/signin", self.issuer())));
        };
        // The app is the hint's audience (expired hints are fine) or `client_id`.
        let hinted = one("id_token_hint")
            .and_then(|hint| self.signing.and_then(|k| k.verify::<IdToken>(tokens::ID_TYP, hint)))
            .filter(|t| t.iss == self.issuer())
            .map(|t| t.aud);
        let client_id = match (hinted, one("client_id")) {
            (Some(aud), Some(id)) if aud != id => return Ok(Err(PageError::UnknownClient)),
            (Some(aud), _) => aud,
            (None, Some(id)) => id.to_string(),
            (None, None) => return Ok(Err(PageError::UnknownClient)),
        };
        let Some(client) = self.client(&client_id).await? else { return Ok(Err(PageError::UnknownClient)) };
        if !client.post_logout_redirect_uris.iter().any(|u| u == target) {
            return Ok(Err(PageError::RedirectMismatch));
        }
        let state = one("state").map(|s| vec![("state", s.to_string())]).unwrap_or_default();
        Ok(Ok(if state.is_empty() { target.to_string() } else { authz::with_query(target, &state) }))
    }
}
