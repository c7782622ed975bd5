//! The authorization request: checked, then answered with a code, an error for
//! the app, our error page, or our sign-in page continuing it; and logout.

use super::*;
use crate::methods::uses;
use crate::policy::Rules;

impl<S: Store, L: Ledgers, M: Courier, E: Entropy> Portal<'_, S, L, M, E> {
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
        let turned_off = match (interaction, session) {
            (None, Some(auth)) => self.second_steps_turned_off(auth).await?,
            _ => false,
        };
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
            (None, Some(_)) if turned_off => Ok(back(ClientError {
                error: "access_denied",
                description: "the organization turned off the user's second-step methods",
            })),
            (None, Some(auth)) => self.issue_code(&request, auth).await,
            (None, None) => Ok(back(ClientError { error: "login_required", description: "the user must sign in" })),
        }
    }

    /// The user registered second-step methods and the organization turned every
    /// one of them off: no tokens until it turns one back on.
    async fn second_steps_turned_off(&self, auth: &Authenticated) -> Result<bool, Error> {
        let methods = self.methods(auth).await?;
        let second_steps: Vec<_> = methods.iter().filter(|m| uses(m.kind()).mfa).collect();
        Ok(!second_steps.is_empty() && !second_steps.iter().any(|m| self.tenant.policy.usable(m)))
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
                    || request
                        .max_age
                        .is_some_and(|max| self.now > s.created_at.saturating_add(max.saturating_mul(1000)))
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
    pub(super) fn answer(&self, to: String, form_post: bool, fields: Vec<(&'static str, String)>) -> Authorization {
        if form_post {
            Authorization::FormPost { to, fields }
        } else {
            Authorization::Redirect(authz::with_query(&to, &fields))
        }
    }

    /// Our sign-in page, told to continue the request when the user is done.
    pub(super) fn interact(
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
