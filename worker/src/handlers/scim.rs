//! SCIM 2.0 for the tenant's directory (see `domain::scim`): discovery without a
//! token, Users with the bearer token an admin created. Every answer is
//! `application/scim+json`, errors in RFC 7644 §3.12's form.

use super::Call;
use crate::http;
use api::endpoints::Id;
use api::{ErrorCode, MAX_BODY_BYTES};
use domain::portal::Provisioner;
use domain::scim::{self, attribute_list, ScimError};
use domain::tenant::User;
use serde_json::Value;
use worker::{Response, Result};

const CONTENT_TYPE: &str = "application/scim+json";

pub fn answer(status: u16, body: &Value) -> Result<Response> {
    text(status, body.to_string())
}

fn text(status: u16, body: String) -> Result<Response> {
    let mut res = Response::ok(body)?.with_status(status);
    res.headers_mut().set("content-type", CONTENT_TYPE)?;
    Ok(res)
}

pub fn error(e: &ScimError) -> Result<Response> {
    answer(e.status, &e.json())
}

/// 404 and 405 under `/scim/v2` in SCIM's form.
pub fn not_found() -> Result<Response> {
    error(&ScimError::not_found())
}

pub fn not_allowed(allow: &str) -> Result<Response> {
    let mut res = error(&ScimError::new(405, None, format!("allowed: {allow}")))?;
    res.headers_mut().set("allow", allow)?;
    Ok(res)
}

fn query(c: &Call<'_, '_>, name: &str) -> Option<String> {
    let url = c.req.url().ok()?;
    url.query_pairs().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.into_owned())
}

async fn body(c: &mut Call<'_, '_>) -> std::result::Result<Value, ScimError> {
    http::read_scim(&mut c.req).await.map_err(|e| match e.code {
        ErrorCode::BodyTooLarge => ScimError::new(413, Some("tooLarge"), format!("at most {MAX_BODY_BYTES} bytes")),
        ErrorCode::UnsupportedMediaType => ScimError::new(415, None, "send application/scim+json"),
        _ => ScimError::new(400, Some("invalidSyntax"), "not JSON"),
    })
}

/// One user, with its ETag (and Location when created).
fn user(status: u16, u: &User, base: &str, attributes: &[String], excluded: &[String]) -> Result<Response> {
    let resource = scim::select(scim::user_resource(u, base), attributes, excluded);
    let mut res = answer(status, &resource)?;
    res.headers_mut().set("etag", &scim::etag(u))?;
    if status == 201 {
        res.headers_mut().set("location", &format!("{base}/Users/{}", u.id))?;
    }
    Ok(res)
}

pub async fn handle(c: &mut Call<'_, '_>) -> Result<Response> {
    match run(c).await {
        Ok(res) => Ok(res),
        Err(e) => error(&e),
    }
}

async fn run(c: &mut Call<'_, '_>) -> std::result::Result<Response, ScimError> {
    let base = format!("{}{}", c.portal.link_base, api::paths::SCIM_ROOT);
    let fail = |e: worker::Error| ScimError::new(500, None, e.to_string());
    let id = c.value(0).to_string();
    // Discovery is open; users need the token.
    match c.route.id {
        Id::SCIM_SERVICE_PROVIDER_CONFIG => return text(200, scim::service_provider_config(&base)).map_err(fail),
        Id::SCIM_RESOURCE_TYPES => return text(200, scim::resource_types(&base)).map_err(fail),
        Id::SCIM_RESOURCE_TYPE if id == "User" => return text(200, scim::user_resource_type(&base)).map_err(fail),
        Id::SCIM_SCHEMAS => return text(200, scim::schemas(&base)).map_err(fail),
        Id::SCIM_SCHEMA if id == scim::USER_SCHEMA => return text(200, scim::user_schema(&base)).map_err(fail),
        Id::SCIM_RESOURCE_TYPE | Id::SCIM_SCHEMA => return Err(ScimError::not_found()),
        Id::SCIM_SEARCH => {
            return Err(ScimError::new(501, None, "search one resource type: POST /scim/v2/Users/.search"))
        }
        _ => {}
    }
    let bearer = c.req.headers().get("authorization").ok().flatten();
    let bearer = bearer.as_deref().and_then(|h| h.strip_prefix("Bearer ").or_else(|| h.strip_prefix("bearer ")));
    let by: Provisioner = c.portal.provisioner(bearer.map(str::trim)).await?;
    let if_match = c.req.headers().get("if-match").ok().flatten();
    let (attributes, excluded) =
        (attribute_list(query(c, "attributes").as_deref()), attribute_list(query(c, "excludedAttributes").as_deref()));
    let res = match c.route.id {
        Id::SCIM_USERS => {
            let start = query(c, "startIndex").and_then(|s| s.parse().ok()).unwrap_or(1);
            let count = query(c, "count").and_then(|s| s.parse().ok()).unwrap_or(scim::MAX_RESULTS);
            list(c, &base, query(c, "filter").as_deref(), start, count, &attributes, &excluded).await?
        }
        Id::SCIM_SEARCH_USERS => {
            let b = body(c).await?;
            let text = |k: &str| b.get(k).and_then(Value::as_str).map(str::to_string);
            let names = |k: &str| -> Vec<String> {
                b.get(k)
                    .and_then(Value::as_array)
                    .map_or(vec![], |a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
            };
            let number = |k: &str| b.get(k).and_then(Value::as_u64).and_then(|n| usize::try_from(n).ok());
            let (start, count) = (number("startIndex").unwrap_or(1), number("count").unwrap_or(scim::MAX_RESULTS));
            list(c, &base, text("filter").as_deref(), start, count, &names("attributes"), &names("excludedAttributes"))
                .await?
        }
        Id::SCIM_CREATE_USER => {
            let b = body(c).await?;
            let created = c.portal.scim_create(&by, &b).await?;
            user(201, &created, &base, &attributes, &excluded)
        }
        Id::SCIM_USER => user(200, &c.portal.scim_user(&id).await?, &base, &attributes, &excluded),
        Id::SCIM_REPLACE_USER => {
            let b = body(c).await?;
            user(200, &c.portal.scim_replace(&by, &id, &b, if_match.as_deref()).await?, &base, &attributes, &excluded)
        }
        Id::SCIM_PATCH_USER => {
            let b = body(c).await?;
            user(200, &c.portal.scim_patch(&by, &id, &b, if_match.as_deref()).await?, &base, &attributes, &excluded)
        }
        Id::SCIM_DELETE_USER => {
            c.portal.scim_delete(&by, &id, if_match.as_deref()).await?;
            Response::empty().map(|r| r.with_status(204))
        }
        _ => return Err(ScimError::not_found()),
    };
    res.map_err(fail)
}

async fn list(
    c: &Call<'_, '_>,
    base: &str,
    filter: Option<&str>,
    start: usize,
    count: usize,
    attributes: &[String],
    excluded: &[String],
) -> std::result::Result<Result<Response>, ScimError> {
    let (users, total) = c.portal.scim_users(filter, start, count).await?;
    let resources = users.iter().map(|u| scim::select(scim::user_resource(u, base), attributes, excluded)).collect();
    Ok(answer(200, &scim::list_response(resources, total, start.max(1))))
}
