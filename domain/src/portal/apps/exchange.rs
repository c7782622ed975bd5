//! The token endpoint (codes and refresh tokens, each exchanged once) and UserInfo.

use super::*;

impl<S: Store, L: Ledgers, M: Courier, E: Entropy> Portal<'_, S, L, M, E> {
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
        if user.reset_required || user.disabled || user.sessions_after.is_some_and(|after| grant.auth_time <= after) {
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
    pub(super) fn claims(&self, user: &User, scopes: &[String]) -> UserInfo {
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
        if user.reset_required || user.disabled || user.sessions_after.is_some_and(|after| token.iat * 1000 <= after) {
            return Ok(Err(INVALID_TOKEN));
        }
        let scopes: Vec<String> = token.scope.split(' ').map(str::to_string).collect();
        Ok(Ok(self.claims(&user, &scopes)))
    }
}
