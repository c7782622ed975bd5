//! Microsoft Entra's external authentication method: the second step for the
//! user Entra's hint names, answered with an ID token posted back.

use super::*;

impl<S: Store, L: Ledgers, M: Courier, E: Entropy> Portal<'_, S, L, M, E> {
    /// Microsoft Entra's external authentication method: Entra's hint names the
    /// user (the first factor happened there); this product runs only the second
    /// step (a user without one adds one), then posts an ID token back with the
    /// hint's subject and what the user did here.
    pub(super) async fn external_method(
        &self,
        params: &Params,
        request: &AuthRequest,
        hint: &str,
        session: Option<&Authenticated>,
        entra_keys: Option<&str>,
    ) -> Result<Authorization, Error> {
        let eam = request.client.eam.as_ref().ok_or_else(|| Error::Storage("not an external method".into()))?;
        let key_set = entra_keys.ok_or_else(|| Error::Storage(format!("no keys from {}", eam.jwks_uri)))?;
        let Ok(hint) = hint::check(hint, key_set, eam, &request.client.id, self.now) else {
            return Ok(Authorization::Page(PageError::Hint));
        };
        let user = match normalise_username(&hint.username) {
            Some(name) => self.user_by_name(&name).await?,
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
        if user.disabled {
            let denied = fields("access_denied", "the user is turned off");
            return Ok(self.answer(request.redirect_uri.clone(), true, denied));
        }
        // The second step passed in this browser since the request began.
        let mine = session.filter(|a| a.user.id == user.id && a.session.access_pass.is_none());
        if let (Some(auth), Some(after)) = (mine, request.login_after) {
            match auth.session.second_step {
                SecondStep::Passed { at } if at >= after && !tokens::second_factors(&auth.session.amr).is_empty() => {
                    return self.post_id_token(request, auth, &hint.sub, at).await;
                }
                // No second-step method yet: the user adds one, then continues.
                SecondStep::NotRequired => {
                    return Ok(self.interact(params, request, Interaction::SecondFactor, true, None));
                }
                SecondStep::Pending => return Ok(self.interact(params, request, Interaction::SecondStep, true, None)),
                // Passed before this request began: a new session below.
                SecondStep::Passed { .. } => {}
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
}
