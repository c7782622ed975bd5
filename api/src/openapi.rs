//! The OpenAPI 3.0 document of `/api/v1`, generated from the wire types (their JSON
//! Schemas come from `schemars`, which follows the serde attributes). A test keeps
//! `docs/openapi.json` equal to what this produces; the API fuzzer reads that file.

use crate::paths;
use crate::{methods, policy, reset, session, webauthn, ApiError, Config};
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, SchemaGenerator};
use serde_json::{json, Map, Value};

/// Who may call an endpoint.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Access {
    Public,
    /// The session cookie; state changes also send the CSRF token header.
    Session,
    /// HTTP Basic with an app password (legacy clients).
    Basic,
    /// The voice provider's signed form post.
    Provider,
}

struct Operation {
    method: &'static str,
    path: String,
    summary: &'static str,
    access: Access,
    request: Option<Value>,
    status: u16,
    response: Option<Value>,
}

struct Table<'g> {
    generator: &'g mut SchemaGenerator,
    operations: Vec<Operation>,
}

impl Table<'_> {
    fn schema<T: JsonSchema>(&mut self) -> Value {
        self.generator.subschema_for::<T>().to_value()
    }

    fn add(&mut self, method: &'static str, path: &str, summary: &'static str, access: Access) -> &mut Operation {
        let at = self.operations.len();
        self.operations.push(Operation {
            method,
            path: path.to_string(),
            summary,
            access,
            request: None,
            status: 204,
            response: None,
        });
        &mut self.operations[at]
    }

    /// An endpoint with a JSON body `Q` answering `status` with `R`.
    fn json<Q: JsonSchema, R: JsonSchema>(
        &mut self,
        method: &'static str,
        path: &str,
        summary: &'static str,
        access: Access,
        status: u16,
    ) {
        let (request, response) = (self.schema::<Q>(), self.schema::<R>());
        let op = self.add(method, path, summary, access);
        op.request = Some(request);
        op.status = status;
        op.response = Some(response);
    }

    /// An endpoint without a request body answering `status` with `R`.
    fn returns<R: JsonSchema>(
        &mut self,
        method: &'static str,
        path: &str,
        summary: &'static str,
        access: Access,
        status: u16,
    ) {
        let response = self.schema::<R>();
        let op = self.add(method, path, summary, access);
        op.status = status;
        op.response = Some(response);
    }

    /// An endpoint with a JSON body `Q` and an empty 204 answer.
    fn command<Q: JsonSchema>(&mut self, method: &'static str, path: &str, summary: &'static str, access: Access) {
        let request = self.schema::<Q>();
        self.add(method, path, summary, access).request = Some(request);
    }
}

fn operations(t: &mut Table) {
    use Access::*;
    t.returns::<crate::Health>("get", paths::HEALTH, "Liveness of the worker", Public, 200);
    t.returns::<Config>("get", paths::CONFIG, "Tenant name, brand colour and languages", Public, 200);
    t.returns::<Option<session::Session>>("get", paths::SESSION, "The current session, or null", Public, 200);
    t.json::<session::SignIn, session::Session>(
        "post",
        paths::SESSION,
        "Sign in with username and password",
        Public,
        200,
    );
    t.json::<crate::AccessPassSignIn, session::Session>(
        "post",
        paths::SESSION_ACCESS_PASS,
        "Sign in with a Temporary Access Pass (the session may only register methods)",
        Public,
        200,
    );
    t.returns::<webauthn::SecurityKeyChallenge>(
        "post",
        paths::PASSKEY,
        "Start a sign-in with a passkey (no username)",
        Public,
        201,
    );
    t.json::<webauthn::SecurityKeyProof, session::Session>(
        "post",
        paths::PASSKEY_VERIFY,
        "Finish a sign-in with a passkey (both steps)",
        Public,
        200,
    );
    t.add("delete", paths::SESSION, "Sign out", Session);
    t.json::<crate::ReportChange, crate::ChangeReported>(
        "post",
        paths::REPORT,
        "\"This wasn't me\": end every session, require a new password, undo the change",
        Public,
        200,
    );
    t.returns::<methods::WhoAmI>("get", paths::LEGACY_WHOAMI, "Legacy client check with an app password", Basic, 200);

    t.json::<session::SecondStepProof, session::Session>(
        "post",
        paths::SECOND_STEP,
        "Pass the second step with a code",
        Session,
        200,
    );
    t.json::<methods::SendSecondStepCode, methods::PendingVerification>(
        "post",
        paths::SECOND_STEP_SEND,
        "Text or email a second-step code",
        Session,
        201,
    );
    t.json::<methods::SendSecondStepCode, methods::CallStarted>(
        "post",
        paths::SECOND_STEP_CALL,
        "Call a phone for the second step",
        Session,
        201,
    );
    t.returns::<webauthn::SecurityKeyChallenge>(
        "post",
        paths::SECOND_STEP_KEY,
        "Start a second step with a security key",
        Session,
        201,
    );
    t.json::<webauthn::SecurityKeyProof, session::Session>(
        "post",
        paths::SECOND_STEP_KEY_VERIFY,
        "Finish a second step with a security key",
        Session,
        200,
    );
    t.returns::<session::Session>(
        "post",
        paths::SETUP_SKIP,
        "Postpone the required registration (within the grace period)",
        Session,
        200,
    );

    t.returns::<methods::SecurityInfo>("get", paths::METHODS, "The user's methods and default", Session, 200);
    t.command::<methods::ChooseDefault>("put", paths::DEFAULT_METHOD, "Choose the default sign-in method", Session);
    t.command::<methods::KeepMethod>(
        "post",
        paths::METHOD_KEEP,
        "Keep a method suspended after a report (it becomes usable again)",
        Session,
    );
    let method = format!("{}{{id}}", paths::METHOD_PREFIX);
    t.json::<methods::Rename, methods::MethodView>("patch", &method, "Rename a method", Session, 200);
    t.add("delete", &method, "Delete a method", Session);

    t.returns::<methods::AuthenticatorSetup>(
        "post",
        paths::AUTHENTICATOR_START,
        "Start registering an authenticator app",
        Session,
        201,
    );
    t.json::<methods::VerifyAuthenticator, methods::MethodView>(
        "post",
        paths::AUTHENTICATOR_VERIFY,
        "Finish it with a code from the app",
        Session,
        201,
    );
    t.json::<methods::StartEmail, methods::PendingVerification>(
        "post",
        paths::EMAIL_START,
        "Email a code to a new address",
        Session,
        201,
    );
    t.json::<methods::VerifyCode, methods::MethodView>(
        "post",
        paths::EMAIL_VERIFY,
        "Confirm the address with the code",
        Session,
        201,
    );
    t.json::<methods::Resend, methods::PendingVerification>(
        "post",
        paths::EMAIL_RESEND,
        "Send the email code again",
        Session,
        200,
    );
    t.json::<methods::StartPhone, methods::PendingVerification>(
        "post",
        paths::PHONE_START,
        "Text a code to a new phone",
        Session,
        201,
    );
    t.json::<methods::VerifyCode, methods::MethodView>(
        "post",
        paths::PHONE_VERIFY,
        "Confirm the phone with the code",
        Session,
        201,
    );
    t.json::<methods::Resend, methods::PendingVerification>(
        "post",
        paths::PHONE_RESEND,
        "Text the code again",
        Session,
        200,
    );
    t.json::<methods::StartPhone, methods::CallStarted>(
        "post",
        paths::PHONE_CALL,
        "Confirm a new phone by a call",
        Session,
        201,
    );
    t.json::<methods::StartPhone, methods::CallStarted>(
        "post",
        paths::ALTERNATE_PHONE_CALL,
        "Confirm a new alternate phone by a call",
        Session,
        201,
    );
    t.returns::<methods::CallStatus>(
        "get",
        &format!("{}{{id}}", paths::CALL_PREFIX),
        "State of a confirmation call",
        Session,
        200,
    );
    t.json::<webauthn::StartSecurityKey, webauthn::SecurityKeyRegistration>(
        "post",
        paths::SECURITY_KEY_START,
        "Start registering a security key",
        Session,
        201,
    );
    t.json::<webauthn::FinishSecurityKey, methods::MethodView>(
        "post",
        paths::SECURITY_KEY_VERIFY,
        "Finish it with the browser's response",
        Session,
        201,
    );
    t.returns::<methods::QuestionChoices>("get", paths::SECURITY_QUESTIONS, "Questions to choose from", Session, 200);
    t.json::<methods::SetAnswers, methods::MethodView>(
        "put",
        paths::SECURITY_QUESTIONS,
        "Set or replace the answers",
        Session,
        200,
    );
    t.json::<methods::CreateAppPassword, methods::AppPasswordCreated>(
        "post",
        paths::APP_PASSWORD,
        "Create an app password (shown once)",
        Session,
        201,
    );
    t.returns::<methods::RecoveryCodesCreated>(
        "post",
        paths::RECOVERY_CODES,
        "Create ten recovery codes, replacing any earlier set (shown once)",
        Session,
        201,
    );
    t.returns::<crate::ActivityPage>("get", paths::ACTIVITY, "Recent sign-ins and changes, newest first", Session, 200);

    t.returns::<policy::TenantSettings>(
        "get",
        paths::ADMIN_SETTINGS,
        "The tenant's policy (administrators)",
        Session,
        200,
    );
    t.json::<policy::TenantSettings, policy::TenantSettings>(
        "put",
        paths::ADMIN_SETTINGS,
        "Change the tenant's policy (administrators)",
        Session,
        200,
    );
    t.returns::<Vec<policy::AuditEntry>>(
        "get",
        paths::ADMIN_AUDIT,
        "The tenant's audit trail (administrators)",
        Session,
        200,
    );
    t.returns::<Vec<crate::AccessPassView>>(
        "get",
        paths::ADMIN_ACCESS_PASSES,
        "Unexpired Temporary Access Passes (administrators)",
        Session,
        200,
    );
    t.json::<crate::IssueAccessPass, crate::AccessPassIssued>(
        "post",
        paths::ADMIN_ACCESS_PASSES,
        "Issue a Temporary Access Pass, shown once (administrators)",
        Session,
        201,
    );
    t.command::<crate::UnlockUser>(
        "post",
        paths::ADMIN_UNLOCK,
        "Lift a user's second-step lock and clear its failures (administrators)",
        Session,
    );
    let pass = format!("{}{{user_id}}", paths::ADMIN_ACCESS_PASS_PREFIX);
    t.add("delete", &pass, "Revoke a user's Temporary Access Pass (administrators)", Session);

    t.returns::<reset::WorkChallenge>(
        "get",
        paths::RESET_CHALLENGE,
        "A proof-of-work challenge for starting a reset",
        Public,
        200,
    );
    t.json::<reset::StartReset, reset::ResetStarted>("post", paths::RESET, "Start a password reset", Public, 201);
    t.json::<reset::ResetStep, methods::PendingVerification>(
        "post",
        paths::RESET_SEND,
        "Send a reset code by email or text",
        Public,
        201,
    );
    t.json::<reset::ResetCode, reset::ResetProgress>(
        "post",
        paths::RESET_VERIFY,
        "Prove a reset step with a code",
        Public,
        200,
    );
    t.json::<reset::ResetStep, Vec<methods::Question>>(
        "post",
        paths::RESET_QUESTIONS,
        "The security questions of this reset",
        Public,
        200,
    );
    t.json::<reset::ResetAnswers, reset::ResetProgress>(
        "post",
        paths::RESET_ANSWERS,
        "Prove a reset step with answers",
        Public,
        200,
    );
    t.json::<reset::ResetStep, webauthn::SecurityKeyChallenge>(
        "post",
        paths::RESET_KEY,
        "Start proving a reset step with a security key",
        Public,
        201,
    );
    t.json::<reset::ResetKeyProof, reset::ResetProgress>(
        "post",
        paths::RESET_KEY_VERIFY,
        "Finish it with the browser's response",
        Public,
        200,
    );
    t.json::<reset::ResetStep, methods::CallStarted>(
        "post",
        paths::RESET_CALL,
        "Prove a reset step by a call",
        Public,
        201,
    );
    t.json::<reset::ResetCallCheck, reset::ResetCallStatus>(
        "post",
        paths::RESET_CALL_STATUS,
        "State of that call",
        Public,
        200,
    );
    t.command::<reset::NewPassword>("post", paths::RESET_PASSWORD, "Set the new password", Public);

    let voice = format!("{}{{tenant}}/{{user}}/{{call}}", paths::VOICE_PREFIX);
    let op =
        t.add("post", &voice, "Key press reported by the voice provider (signed form post, TwiML answer)", Provider);
    op.status = 200;
}

/// The whole document.
pub fn document() -> Value {
    let mut generator =
        SchemaSettings::openapi3().with(|s| s.definitions_path = "#/components/schemas/".into()).into_generator();
    let mut table = Table { generator: &mut generator, operations: Vec::new() };
    operations(&mut table);
    let operations = std::mem::take(&mut table.operations);
    let error = generator.subschema_for::<ApiError>().to_value();

    let mut paths_out = Map::new();
    for op in &operations {
        let mut o = Map::new();
        o.insert("summary".into(), json!(op.summary));
        o.insert("operationId".into(), json!(operation_id(op)));
        let params: Vec<Value> = op
            .path
            .split('/')
            .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
            .map(|name| json!({"name": name, "in": "path", "required": true, "schema": {"type": "string", "maxLength": 200}}))
            .collect();
        if !params.is_empty() {
            o.insert("parameters".into(), Value::Array(params));
        }
        if let Some(request) = &op.request {
            o.insert(
                "requestBody".into(),
                json!({"required": true, "content": {"application/json": {"schema": request}}}),
            );
        }
        if op.access == Access::Provider {
            o.insert(
                "requestBody".into(),
                json!({"required": true, "content": {"application/x-www-form-urlencoded": {"schema": {
                    "type": "object", "properties": {"Digits": {"type": "string"}, "CallSid": {"type": "string"}}}}}}),
            );
        }
        let mut responses = Map::new();
        let success = match (&op.response, op.access) {
            (_, Access::Provider) => {
                json!({"description": "TwiML", "content": {"text/xml": {"schema": {"type": "string"}}}})
            }
            (Some(schema), _) => json!({"description": "Success", "content": {"application/json": {"schema": schema}}}),
            (None, _) => json!({"description": "Done; no content"}),
        };
        responses.insert(op.status.to_string(), success);
        responses.insert(
            "default".into(),
            json!({"description": "An error with a stable code (see ErrorCode)", "content": {"application/json": {"schema": error}}}),
        );
        o.insert("responses".into(), Value::Object(responses));
        let security = match op.access {
            Access::Public | Access::Provider => json!([]),
            Access::Session if op.method == "get" => json!([{"session": []}]),
            Access::Session => json!([{"session": [], "csrf": []}]),
            Access::Basic => json!([{"appPassword": []}]),
        };
        o.insert("security".into(), security);
        let entry = paths_out.entry(op.path.clone()).or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(m) = entry {
            m.insert(op.method.into(), Value::Object(o));
        }
    }

    let schemas: Map<String, Value> = generator.take_definitions(true).into_iter().collect();
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "Security Info API",
            "version": "1",
            "description": "Self-service registration and use of sign-in methods. Every error is JSON \
                `{\"code\": ErrorCode}`; state changes need the session's CSRF token in `x-csrf-token` and a \
                same-origin request. Bodies are JSON of at most 8 KiB; unknown fields are refused."
        },
        "paths": paths_out,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "session": {"type": "apiKey", "in": "cookie", "name": crate::SESSION_COOKIE},
                "csrf": {"type": "apiKey", "in": "header", "name": crate::CSRF_HEADER},
                "appPassword": {"type": "http", "scheme": "basic"}
            }
        }
    })
}

/// `post /api/v1/methods/email/verify` → `post_methods_email_verify`.
fn operation_id(op: &Operation) -> String {
    let path: Vec<&str> = op
        .path
        .trim_start_matches("/api/v1/")
        .split('/')
        .map(|s| s.trim_start_matches('{').trim_end_matches('}'))
        .filter(|s| !s.is_empty())
        .collect();
    format!("{}_{}", op.method, path.join("_").replace('-', "_"))
}
