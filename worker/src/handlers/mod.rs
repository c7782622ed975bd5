//! Thin handlers, one module per topic. Each reads its endpoint's request type,
//! calls the domain and returns the endpoint's response type (checked against the
//! table by [`respond`]); [`dispatch`] is the one place an endpoint meets its
//! handler, an exhaustive `match` on `endpoints::Id`.

mod admin;
mod apps;
mod legacy;
mod methods;
mod reset;
pub mod scim;
mod session;
mod users;
mod voice;

use crate::http::{self, read_json};
use crate::site::{self, Site, WorkerPortal};
use api::endpoints::{self, Endpoint, Route};
use api::ApiError;
use domain::portal::Authenticated;
use domain::webauthn::RelyingParty;
use domain::Error;
use serde::de::DeserializeOwned;
use serde::Serialize;
use worker::{Env, Request, Response, Result};

/// One request on its way through a handler.
pub struct Call<'a, 'p> {
    pub req: Request,
    pub env: &'a Env,
    pub portal: &'a WorkerPortal<'p>,
    pub site: &'a Site,
    pub route: &'static Route,
    /// The values of the path's `{name}` segments.
    pub values: Vec<String>,
    /// The session, for endpoints whose access needs one (the router found it).
    pub auth: Option<Authenticated>,
}

/// Why a handler did not succeed: a request the API refuses as such, or a
/// domain error.
pub enum Fault {
    Bad(ApiError),
    Domain(Error),
}

impl From<ApiError> for Fault {
    fn from(e: ApiError) -> Self {
        Fault::Bad(e)
    }
}

impl From<Error> for Fault {
    fn from(e: Error) -> Self {
        Fault::Domain(e)
    }
}

pub type Outcome<T> = std::result::Result<T, Fault>;

impl<'p> Call<'_, 'p> {
    /// The JSON body, of the endpoint's request type.
    pub async fn body<Q: DeserializeOwned, R>(&mut self, _: &Endpoint<Q, R>) -> std::result::Result<Q, ApiError> {
        read_json(&mut self.req).await
    }

    /// The `i`th `{name}` segment of the path.
    pub fn value(&self, i: usize) -> &str {
        self.values.get(i).map_or("", String::as_str)
    }

    pub fn relying_party(&self) -> RelyingParty {
        site::relying_party(&self.req, self.site)
    }

    /// The portal and the session (for endpoints the router authenticated).
    pub fn session(&mut self) -> Outcome<(&WorkerPortal<'p>, &mut Authenticated)> {
        match self.auth.as_mut() {
            Some(auth) => Ok((self.portal, auth)),
            None => Err(Fault::Domain(Error::Unauthenticated)),
        }
    }
}

/// A domain error as the API answers it (storage faults are logged).
pub fn fail(e: &Error) -> Result<Response> {
    if let Error::Storage(detail) = e {
        worker::console_error!("storage: {detail}");
    }
    http::error(&ApiError::from(e))
}

/// The handler's answer with the endpoint's status: its response type as JSON, or
/// nothing for 204.
pub fn respond<Q, R: Serialize>(endpoint: &Endpoint<Q, R>, outcome: Outcome<R>) -> Result<Response> {
    match outcome {
        Ok(_) if endpoint.route.status == 204 => Ok(Response::empty()?.with_status(204)),
        Ok(value) => http::json(endpoint.route.status, &value),
        Err(f) => fault(f),
    }
}

/// A fault as the API answers it.
pub fn fault(f: Fault) -> Result<Response> {
    match f {
        Fault::Bad(e) => http::error(&e),
        Fault::Domain(e) => fail(&e),
    }
}

pub async fn dispatch(c: &mut Call<'_, '_>) -> Result<Response> {
    use endpoints::*;
    match c.route.id {
        // Both answered by the router before the tenant is looked up.
        Id::HEALTH | Id::READY => http::json(200, &api::Health { ok: true }),
        Id::CONFIG => respond(&CONFIG, Ok(session::config(c))),
        Id::SESSION => respond(&SESSION, session::current(c).await),
        Id::SIGN_IN | Id::SIGN_IN_WITH_PASS | Id::PASSKEY_VERIFY => session::sign_in(c).await,
        Id::PASSKEY => respond(&PASSKEY, session::start_passkey(c).await),
        Id::SIGN_OUT => session::sign_out(c).await,
        Id::SIGN_OUT_EVERYWHERE => session::sign_out_everywhere(c).await,
        Id::DEVICES => respond(&DEVICES, session::devices(c).await),
        Id::DEVICE_SIGN_OUT => session::sign_out_device(c).await,
        Id::PASSWORD_CHANGE => respond(&PASSWORD_CHANGE, session::change_password(c).await),
        Id::REPORT => respond(&REPORT, session::report(c).await),
        Id::LEGACY_WHOAMI => legacy::whoami(c).await,
        Id::SECOND_STEP => respond(&SECOND_STEP, session::second_step(c).await),
        Id::SECOND_STEP_SEND => respond(&SECOND_STEP_SEND, session::second_step_send(c).await),
        Id::SECOND_STEP_CALL => respond(&SECOND_STEP_CALL, session::second_step_call(c).await),
        Id::SECOND_STEP_KEY => respond(&SECOND_STEP_KEY, session::second_step_key(c).await),
        Id::SECOND_STEP_KEY_VERIFY => respond(&SECOND_STEP_KEY_VERIFY, session::second_step_key_verify(c).await),
        Id::SETUP_SKIP => respond(&SETUP_SKIP, session::skip_setup(c).await),

        Id::METHODS => respond(&METHODS, methods::overview(c).await),
        Id::DEFAULT_METHOD => respond(&DEFAULT_METHOD, methods::set_default(c).await),
        Id::METHOD_KEEP => respond(&METHOD_KEEP, methods::keep(c).await),
        Id::METHOD_RENAME => respond(&METHOD_RENAME, methods::rename(c).await),
        Id::METHOD_DELETE => respond(&METHOD_DELETE, methods::delete(c).await),
        Id::AUTHENTICATOR_START => respond(&AUTHENTICATOR_START, methods::start_authenticator(c).await),
        Id::AUTHENTICATOR_VERIFY => respond(&AUTHENTICATOR_VERIFY, methods::verify_authenticator(c).await),
        Id::EMAIL_START => respond(&EMAIL_START, methods::start_email(c).await),
        Id::EMAIL_VERIFY => respond(&EMAIL_VERIFY, methods::verify_code(c, &EMAIL_VERIFY).await),
        Id::EMAIL_RESEND => respond(&EMAIL_RESEND, methods::resend(c, &EMAIL_RESEND).await),
        Id::PHONE_START => respond(&PHONE_START, methods::start_phone(c).await),
        Id::PHONE_VERIFY => respond(&PHONE_VERIFY, methods::verify_code(c, &PHONE_VERIFY).await),
        Id::PHONE_RESEND => respond(&PHONE_RESEND, methods::resend(c, &PHONE_RESEND).await),
        Id::PHONE_CALL => respond(&PHONE_CALL, methods::start_call(c, &PHONE_CALL).await),
        Id::ALTERNATE_PHONE_CALL => respond(&ALTERNATE_PHONE_CALL, methods::start_call(c, &ALTERNATE_PHONE_CALL).await),
        Id::CALL_STATUS => respond(&CALL_STATUS, methods::call_status(c).await),
        Id::CALL_END => respond(&CALL_END, methods::end_call(c).await),
        Id::SECURITY_KEY_START => respond(&SECURITY_KEY_START, methods::start_security_key(c).await),
        Id::SECURITY_KEY_VERIFY => respond(&SECURITY_KEY_VERIFY, methods::finish_security_key(c).await),
        Id::SECURITY_QUESTIONS => respond(&SECURITY_QUESTIONS, methods::question_choices(c)),
        Id::SET_ANSWERS => respond(&SET_ANSWERS, methods::set_answers(c).await),
        Id::APP_PASSWORD => respond(&APP_PASSWORD, methods::create_app_password(c).await),
        Id::RECOVERY_CODES => respond(&RECOVERY_CODES, methods::create_recovery_codes(c).await),
        Id::ACTIVITY => respond(&ACTIVITY, methods::activity(c).await),

        Id::ADMIN_SETTINGS => respond(&ADMIN_SETTINGS, admin::settings(c)),
        Id::ADMIN_UPDATE_SETTINGS => respond(&ADMIN_UPDATE_SETTINGS, admin::update_settings(c).await),
        Id::ADMIN_AUDIT => admin::audit(c).await,
        Id::ADMIN_ACCESS_PASSES => respond(&ADMIN_ACCESS_PASSES, admin::access_passes(c).await),
        Id::ADMIN_ISSUE_ACCESS_PASS => respond(&ADMIN_ISSUE_ACCESS_PASS, admin::issue_access_pass(c).await),
        Id::ADMIN_UNLOCK => respond(&ADMIN_UNLOCK, admin::unlock(c).await),
        Id::ADMIN_REVOKE_ACCESS_PASS => respond(&ADMIN_REVOKE_ACCESS_PASS, admin::revoke_access_pass(c).await),
        Id::ADMIN_USERS => respond(&ADMIN_USERS, users::list(c).await),
        Id::ADMIN_CREATE_USER => respond(&ADMIN_CREATE_USER, users::create(c).await),
        Id::ADMIN_USER => respond(&ADMIN_USER, users::detail(c).await),
        Id::ADMIN_DELETE_USER => respond(&ADMIN_DELETE_USER, users::delete(c).await),
        Id::ADMIN_USER_STATE => respond(&ADMIN_USER_STATE, users::state(c).await),
        Id::ADMIN_USER_EXPORT => respond(&ADMIN_USER_EXPORT, users::export(c).await),
        Id::ADMIN_USER_METHOD => respond(&ADMIN_USER_METHOD, users::delete_method(c).await),
        Id::ADMIN_USER_REREGISTER => respond(&ADMIN_USER_REREGISTER, users::require_registration(c).await),
        Id::ADMIN_USER_SIGN_OUT => respond(&ADMIN_USER_SIGN_OUT, users::sign_out(c).await),
        Id::ADMIN_METHODS_REPORT => respond(&ADMIN_METHODS_REPORT, admin::methods_report(c).await),
        Id::ADMIN_METHODS_REPORT_CSV => admin::methods_report_csv(c).await,
        Id::ADMIN_UNDELIVERED => respond(&ADMIN_UNDELIVERED, admin::undelivered(c).await),
        Id::ADMIN_USER_ROLE => respond(&ADMIN_USER_ROLE, users::role(c).await),
        Id::ADMIN_USER_VERIFY_CALLER => respond(&ADMIN_USER_VERIFY_CALLER, users::verify_caller(c).await),
        Id::ADMIN_USER_CALLER_CHECK => respond(&ADMIN_USER_CALLER_CHECK, users::caller_check(c).await),
        Id::ADMIN_SCIM_TOKENS => respond(&ADMIN_SCIM_TOKENS, users::scim_tokens(c).await),
        Id::ADMIN_CREATE_SCIM_TOKEN => respond(&ADMIN_CREATE_SCIM_TOKEN, users::create_scim_token(c).await),
        Id::ADMIN_REVOKE_SCIM_TOKEN => respond(&ADMIN_REVOKE_SCIM_TOKEN, users::revoke_scim_token(c).await),
        Id::SCIM_SERVICE_PROVIDER_CONFIG
        | Id::SCIM_RESOURCE_TYPES
        | Id::SCIM_RESOURCE_TYPE
        | Id::SCIM_SCHEMAS
        | Id::SCIM_SCHEMA
        | Id::SCIM_USERS
        | Id::SCIM_CREATE_USER
        | Id::SCIM_SEARCH_USERS
        | Id::SCIM_USER
        | Id::SCIM_REPLACE_USER
        | Id::SCIM_PATCH_USER
        | Id::SCIM_DELETE_USER
        | Id::SCIM_SEARCH => scim::handle(c).await,

        Id::RESET_CHALLENGE => respond(&RESET_CHALLENGE, reset::challenge(c)),
        Id::RESET_START => respond(&RESET_START, reset::start(c).await),
        Id::RESET_SEND => respond(&RESET_SEND, reset::send(c).await),
        Id::RESET_VERIFY => respond(&RESET_VERIFY, reset::verify(c).await),
        Id::RESET_QUESTIONS => respond(&RESET_QUESTIONS, reset::questions(c).await),
        Id::RESET_ANSWERS => respond(&RESET_ANSWERS, reset::answers(c).await),
        Id::RESET_KEY => respond(&RESET_KEY, reset::key_start(c).await),
        Id::RESET_KEY_VERIFY => respond(&RESET_KEY_VERIFY, reset::key_finish(c).await),
        Id::RESET_CALL => respond(&RESET_CALL, reset::call(c).await),
        Id::RESET_CALL_STATUS => respond(&RESET_CALL_STATUS, reset::call_status(c).await),
        Id::RESET_PASSWORD => respond(&RESET_PASSWORD, reset::new_password(c).await),

        Id::VOICE => voice::callback(c).await,
        Id::SMS_STATUS => voice::sms_status(c).await,

        Id::CONNECTED_APPS => respond(&CONNECTED_APPS, apps::connected(c).await),
        Id::DISCONNECT_APP => respond(&DISCONNECT_APP, apps::disconnect(c).await),
        Id::ADMIN_CLIENTS => respond(&ADMIN_CLIENTS, apps::clients(c).await),
        Id::ADMIN_REGISTER_CLIENT => respond(&ADMIN_REGISTER_CLIENT, apps::register_client(c).await),
        Id::ADMIN_DELETE_CLIENT => respond(&ADMIN_DELETE_CLIENT, apps::delete_client(c).await),
        Id::OIDC_DISCOVERY => apps::discovery(c),
        Id::OIDC_JWKS => apps::jwks(c),
        Id::OIDC_AUTHORIZE => apps::authorize(c).await,
        Id::OIDC_AUTHORIZE_FORM => apps::authorize_form(c).await,
        Id::OIDC_TOKEN => apps::token(c).await,
        Id::OIDC_USERINFO | Id::OIDC_USERINFO_FORM => apps::userinfo(c).await,
        Id::OIDC_LOGOUT => apps::logout(c).await,
    }
}
