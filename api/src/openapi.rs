//! The OpenAPI 3.0 document of `/api/v1`, generated from the wire types (their JSON
//! Schemas come from `schemars`, which follows the serde attributes). A test keeps
//! `docs/openapi.json` equal to what this produces; the API fuzzer reads that file.

use crate::ApiError;
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, SchemaGenerator};
use serde_json::{json, Map, Value};

use crate::endpoints::{self, Access, Route};
use std::any::TypeId;

struct Operation {
    id: endpoints::Id,
    method: &'static str,
    path: String,
    summary: &'static str,
    access: Access,
    request: Option<Value>,
    status: u16,
    response: Option<Value>,
}

/// Visits each endpoint of [`endpoints`] with its request and response types.
pub(crate) trait Describe {
    fn endpoint<Q: JsonSchema + 'static, R: JsonSchema + 'static>(&mut self, route: &Route);
}

struct Table<'g> {
    generator: &'g mut SchemaGenerator,
    operations: Vec<Operation>,
}

impl Table<'_> {
    /// The schema of `T`, or none for `()` (no body).
    fn schema<T: JsonSchema + 'static>(&mut self) -> Option<Value> {
        (TypeId::of::<T>() != TypeId::of::<()>()).then(|| self.generator.subschema_for::<T>().to_value())
    }
}

impl Describe for Table<'_> {
    fn endpoint<Q: JsonSchema + 'static, R: JsonSchema + 'static>(&mut self, route: &Route) {
        let (request, response) = (self.schema::<Q>(), self.schema::<R>());
        self.operations.push(Operation {
            id: route.id,
            method: verb(route),
            path: route.path.to_string(),
            summary: route.summary,
            access: route.access,
            request,
            status: route.status,
            response,
        });
    }
}

fn verb(route: &Route) -> &'static str {
    match route.verb {
        endpoints::Verb::Get => "get",
        endpoints::Verb::Post => "post",
        endpoints::Verb::Put => "put",
        endpoints::Verb::Patch => "patch",
        endpoints::Verb::Delete => "delete",
    }
}

/// The whole document.
pub fn document() -> Value {
    let mut generator =
        SchemaSettings::openapi3().with(|s| s.definitions_path = "#/components/schemas/".into()).into_generator();
    let mut table = Table { generator: &mut generator, operations: Vec::new() };
    endpoints::describe(&mut table);
    let mut operations = std::mem::take(&mut table.operations);
    // SCIM describes itself (RFC 7643 discovery: /scim/v2/Schemas and the rest).
    operations.retain(|op| !op.path.starts_with(crate::paths::SCIM_ROOT));
    let error = generator.subschema_for::<ApiError>().to_value();
    let oauth_error = generator.subschema_for::<crate::oidc::OAuthError>().to_value();
    let string = json!({"type": "string", "maxLength": crate::oidc::MAX_PARAMETER});
    let form = |fields: &[&str]| {
        let props: Map<String, Value> = fields
            .iter()
            .map(|f| {
                let max = if *f == "id_token_hint" { crate::oidc::MAX_HINT } else { crate::oidc::MAX_PARAMETER };
                (f.to_string(), json!({"type": "string", "maxLength": max}))
            })
            .collect();
        json!({"required": true, "content": {"application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": props}}}})
    };

    let mut paths_out = Map::new();
    for op in &operations {
        let mut o = Map::new();
        o.insert("summary".into(), json!(op.summary));
        o.insert("operationId".into(), json!(operation_id(op)));
        let params: Vec<Value> = op
            .path
            .split('/')
            .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
            .map(|name| {
                // A method's or a call's id has the shape of a method id; other values only a bound.
                let schema = match name {
                    "id" => json!({"type": "string", "pattern": crate::shapes::METHOD_ID}),
                    _ => json!({"type": "string", "maxLength": 200}),
                };
                json!({"name": name, "in": "path", "required": true, "schema": schema})
            })
            .collect();
        let mut params = params;
        use endpoints::Id;
        let query: &[&str] = match op.id {
            Id::OIDC_AUTHORIZE => &AUTHORIZE_FIELDS,
            Id::OIDC_LOGOUT => &["id_token_hint", "post_logout_redirect_uri", "client_id", "state"],
            _ => &[],
        };
        let hint = json!({"type": "string", "maxLength": crate::oidc::MAX_HINT});
        params.extend(query.iter().map(|name| {
            let schema = if *name == "id_token_hint" { &hint } else { &string };
            json!({"name": name, "in": "query", "required": false, "schema": schema})
        }));
        if !params.is_empty() {
            o.insert("parameters".into(), Value::Array(params));
        }
        match op.id {
            Id::OIDC_AUTHORIZE_FORM => drop(o.insert("requestBody".into(), form(&AUTHORIZE_FIELDS))),
            Id::OIDC_TOKEN => drop(o.insert(
                "requestBody".into(),
                form(&["grant_type", "code", "redirect_uri", "code_verifier", "client_id", "client_secret"]),
            )),
            _ => {}
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
        let redirects = matches!(op.id, Id::OIDC_AUTHORIZE | Id::OIDC_AUTHORIZE_FORM | Id::OIDC_LOGOUT);
        let success = match (&op.response, op.access) {
            _ if redirects => json!({"description": "To the app (a code or an OAuth error), or to the sign-in page",
                "headers": {"Location": {"schema": {"type": "string"}}}}),
            (_, Access::Provider) => {
                json!({"description": "TwiML", "content": {"text/xml": {"schema": {"type": "string"}}}})
            }
            _ if op.id == Id::ADMIN_METHODS_REPORT_CSV => json!({"description": "One user a line, with a header",
                "content": {"text/csv": {"schema": {"type": "string"}}}}),
            (Some(schema), _) => json!({"description": "Success", "content": {"application/json": {"schema": schema}}}),
            (None, _) => json!({"description": "Done; no content"}),
        };
        responses.insert(op.status.to_string(), success);
        let failure = match op.id {
            _ if redirects => json!({"description": "An error page: the app or its address cannot be trusted",
                "content": {"text/html": {"schema": {"type": "string"}}}}),
            Id::OIDC_TOKEN | Id::OIDC_USERINFO | Id::OIDC_USERINFO_FORM => json!({
                "description": "An OAuth error (RFC 6749 §5.2, RFC 6750 §3)",
                "content": {"application/json": {"schema": oauth_error}}}),
            _ => json!({"description": "An error with a stable code (see ErrorCode)",
                "content": {"application/json": {"schema": error}}}),
        };
        responses.insert("default".into(), failure);
        o.insert("responses".into(), Value::Object(responses));
        let security = match op.access {
            Access::Public | Access::Provider | Access::Scim => json!([]),
            Access::App => match op.id {
                Id::OIDC_TOKEN => json!([{"clientSecretBasic": []}, {}]),
                Id::OIDC_USERINFO | Id::OIDC_USERINFO_FORM => json!([{"accessToken": []}]),
                _ => json!([]),
            },
            Access::Basic => json!([{"appPassword": []}]),
            Access::SignOut => json!([{"session": []}]),
            _ if op.method == "get" => json!([{"session": []}]),
            Access::Session | Access::PassSession | Access::Admin => json!([{"session": [], "csrf": []}]),
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
                "appPassword": {"type": "http", "scheme": "basic"},
                "clientSecretBasic": {"type": "http", "scheme": "basic"},
                "accessToken": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
            }
        }
    })
}

/// The parameters of an authorization request (OpenID Connect Core §3.1.2.1).
const AUTHORIZE_FIELDS: [&str; 14] = [
    "response_type",
    "client_id",
    "redirect_uri",
    "scope",
    "state",
    "nonce",
    "code_challenge",
    "code_challenge_method",
    "prompt",
    "max_age",
    "login_hint",
    "ui_locales",
    "acr_values",
    "id_token_hint",
];

/// `post /api/v1/methods/email/verify` → `post_methods_email_verify`.
fn operation_id(op: &Operation) -> String {
    let path: Vec<&str> = op
        .path
        .trim_start_matches("/api/v1/")
        .split('/')
        .map(|s| s.trim_start_matches('{').trim_end_matches('}'))
        .filter(|s| !s.is_empty())
        .collect();
    format!("{}_{}", op.method, path.join("_").replace('-', "_").replace('.', ""))
}
