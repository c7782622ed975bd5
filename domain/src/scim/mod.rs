//! SCIM 2.0 (RFC 7643, RFC 7644): the protocol's shapes for this server's one
//! resource type, User. Directories (Microsoft Entra ID, Okta, Google) provision
//! people with it; the flows over storage are in `portal::scim`.
//!
//! Attribute names compare case-insensitively (RFC 7643 §2.1). Attributes this
//! server does not keep (`name.givenName`, `title`, the enterprise extension…) are
//! accepted and ignored, as Entra's default mappings send them.

pub mod filter;
pub mod patch;
pub mod tokens;

use crate::email::EmailAddress;
use crate::tenant::{normalise_username, DirectoryEmail, User};
use crate::Millis;
use serde_json::{json, Map, Value};

pub const USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
pub const LIST_RESPONSE: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
pub const ERROR: &str = "urn:ietf:params:scim:api:messages:2.0:Error";
pub const PATCH_OP: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
pub const SEARCH_REQUEST: &str = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
/// The most resources one list answers with.
pub const MAX_RESULTS: usize = 200;

/// An error as RFC 7644 §3.12 shapes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScimError {
    pub status: u16,
    pub scim_type: Option<&'static str>,
    pub detail: String,
}

impl ScimError {
    pub fn new(status: u16, scim_type: Option<&'static str>, detail: impl Into<String>) -> ScimError {
        ScimError { status, scim_type, detail: detail.into() }
    }
    pub fn invalid_value(detail: impl Into<String>) -> ScimError {
        ScimError::new(400, Some("invalidValue"), detail)
    }
    pub fn not_found() -> ScimError {
        ScimError::new(404, None, "no such resource")
    }

    pub fn json(&self) -> Value {
        let mut out = json!({ "schemas": [ERROR], "status": self.status.to_string(), "detail": self.detail });
        if let (Some(t), Some(o)) = (self.scim_type, out.as_object_mut()) {
            o.insert("scimType".into(), Value::String(t.into()));
        }
        out
    }
}

/// What a directory may set of a user, as this server keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserAttributes {
    pub user_name: String,
    /// Empty when the directory gave none.
    pub display_name: String,
    pub emails: Vec<DirectoryEmail>,
    pub active: bool,
    pub external_id: Option<String>,
}

impl UserAttributes {
    pub fn of(user: &User) -> UserAttributes {
        UserAttributes {
            user_name: user.username.clone(),
            display_name: user.display_name.clone(),
            emails: user.emails.clone(),
            active: !user.disabled,
            external_id: user.external_id.clone(),
        }
    }

    /// A resource as POST and PUT send it: `userName` required, the rest
    /// optional (missing = none, `active` missing = true).
    pub fn from_resource(body: &Value) -> Result<UserAttributes, ScimError> {
        let object = body.as_object().ok_or_else(|| ScimError::new(400, Some("invalidSyntax"), "not a JSON object"))?;
        let mut attributes = UserAttributes {
            user_name: String::new(),
            display_name: String::new(),
            emails: vec![],
            active: true,
            external_id: None,
        };
        let mut formatted = None;
        for (key, value) in object {
            match key.to_ascii_lowercase().as_str() {
                "name" => formatted = value.get("formatted").and_then(Value::as_str).map(str::to_string),
                _ => attributes.set(key, value.clone())?,
            }
        }
        if attributes.user_name.is_empty() {
            return Err(ScimError::invalid_value("userName is required"));
        }
        if attributes.display_name.is_empty() {
            attributes.display_name = formatted.unwrap_or_default();
        }
        Ok(attributes)
    }

    /// Sets one top-level attribute (`null` clears it).
    pub fn set(&mut self, name: &str, value: Value) -> Result<(), ScimError> {
        match name.to_ascii_lowercase().as_str() {
            "username" => {
                let text = value.as_str().ok_or_else(|| ScimError::invalid_value("userName must be a string"))?;
                self.user_name =
                    normalise_username(text).ok_or_else(|| ScimError::invalid_value("userName is not valid"))?;
            }
            "displayname" => self.display_name = display_name(&value)?,
            "emails" => self.emails = emails(value)?,
            "active" => self.active = boolean(&value)?,
            "externalid" => {
                self.external_id = match value {
                    Value::Null => None,
                    Value::String(s) if s.len() <= 256 => Some(s),
                    _ => return Err(ScimError::invalid_value("externalId must be a string")),
                }
            }
            // Kept by the server (`id`, `meta`, `schemas`) or not kept at all.
            _ => {}
        }
        Ok(())
    }
}

fn display_name(value: &Value) -> Result<String, ScimError> {
    match value {
        Value::Null => Ok(String::new()),
        Value::String(s) if s.chars().count() <= api::users::MAX_NAME && !s.chars().any(char::is_control) => {
            Ok(s.trim().to_string())
        }
        _ => Err(ScimError::invalid_value("displayName must be a string of at most 256 characters")),
    }
}

/// A boolean, also as Entra sends it: the string `"True"` or `"False"`.
pub fn boolean(value: &Value) -> Result<bool, ScimError> {
    match value {
        Value::Bool(b) => Ok(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Ok(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Ok(false),
        _ => Err(ScimError::invalid_value("expected a boolean")),
    }
}

/// `emails`: an array of `{value, type, primary}` (one object is taken as one).
pub fn emails(value: Value) -> Result<Vec<DirectoryEmail>, ScimError> {
    let items = match value {
        Value::Null => vec![],
        Value::Array(items) => items,
        object @ Value::Object(_) => vec![object],
        _ => return Err(ScimError::invalid_value("emails must be an array")),
    };
    if items.len() > 10 {
        return Err(ScimError::invalid_value("at most 10 emails"));
    }
    items.into_iter().map(|item| email(&item)).collect()
}

pub fn email(item: &Value) -> Result<DirectoryEmail, ScimError> {
    let value = item.get("value").and_then(Value::as_str).unwrap_or_default().trim();
    if EmailAddress::parse(value).is_none() {
        return Err(ScimError::invalid_value("emails[].value must be an email address"));
    }
    let kind = match item.get("type") {
        None | Some(Value::Null) => None,
        Some(Value::String(t)) if t.len() <= 64 => Some(t.clone()),
        _ => return Err(ScimError::invalid_value("emails[].type must be a string")),
    };
    let primary = match item.get("primary") {
        None | Some(Value::Null) => None,
        Some(v) => Some(boolean(v)?),
    };
    Ok(DirectoryEmail { value: value.to_string(), kind, primary })
}

/// RFC 3339 in UTC, as SCIM's `meta` carries times.
pub fn timestamp(at: Millis) -> String {
    let secs = at / 1000;
    let rest = secs % 86_400;
    let (year, month, day) = crate::calendar::civil(at);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rest / 3600, rest % 3600 / 60, rest % 60)
}

/// The weak ETag of a user's record (its version).
pub fn etag(user: &User) -> String {
    format!("W/\"{}\"", user.version)
}

/// A user as a SCIM resource; `base` is the SCIM root (`https://host/scim/v2`).
pub fn user_resource(user: &User, base: &str) -> Value {
    let mut out = Map::new();
    out.insert("schemas".into(), json!([USER_SCHEMA]));
    out.insert("id".into(), json!(user.id));
    if let Some(external) = &user.external_id {
        out.insert("externalId".into(), json!(external));
    }
    out.insert("userName".into(), json!(user.username));
    if !user.display_name.is_empty() {
        out.insert("displayName".into(), json!(user.display_name));
    }
    if !user.emails.is_empty() {
        out.insert("emails".into(), serde_json::to_value(&user.emails).unwrap_or(Value::Null));
    }
    out.insert("active".into(), json!(!user.disabled));
    let created = user.created_at.unwrap_or(0);
    out.insert(
        "meta".into(),
        json!({
            "resourceType": "User",
            "created": timestamp(created),
            "lastModified": timestamp(user.updated_at.unwrap_or(created)),
            "location": format!("{base}/Users/{}", user.id),
            "version": etag(user),
        }),
    );
    Value::Object(out)
}

/// Keeps only the `attributes` asked for (with `id` and `schemas`, always
/// returned), or drops the `excluded` ones; names compare in any case, and a
/// sub-attribute (`name.givenName`) stands for its attribute.
pub fn select(resource: Value, attributes: &[String], excluded: &[String]) -> Value {
    let Value::Object(map) = resource else { return resource };
    let top = |list: &[String]| -> Vec<String> {
        list.iter()
            .map(|a| a.rsplit(':').next().unwrap_or(a).split('.').next().unwrap_or("").to_ascii_lowercase())
            .collect()
    };
    let (wanted, unwanted) = (top(attributes), top(excluded));
    let always = ["id", "schemas"];
    let kept = map.into_iter().filter(|(k, _)| {
        let k = k.to_ascii_lowercase();
        always.contains(&k.as_str()) || if wanted.is_empty() { !unwanted.contains(&k) } else { wanted.contains(&k) }
    });
    Value::Object(kept.collect())
}

/// A list (RFC 7644 §3.4.2).
pub fn list_response(resources: Vec<Value>, total: usize, start_index: usize) -> Value {
    json!({
        "schemas": [LIST_RESPONSE],
        "totalResults": total,
        "startIndex": start_index,
        "itemsPerPage": resources.len(),
        "Resources": resources,
    })
}

/// `comma,separated` names of `attributes` / `excludedAttributes`.
pub fn attribute_list(text: Option<&str>) -> Vec<String> {
    text.unwrap_or_default().split(',').map(str::trim).filter(|a| !a.is_empty()).map(str::to_string).collect()
}

// The discovery documents are fixed texts (cheaper in the worker than building
// them): `{base}` stands for the SCIM root.
const SERVICE_PROVIDER_CONFIG: &str = r#"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
"patch":{"supported":true},"bulk":{"supported":false,"maxOperations":0,"maxPayloadSize":0},
"filter":{"supported":true,"maxResults":200},"changePassword":{"supported":false},"sort":{"supported":false},
"etag":{"supported":true},"authenticationSchemes":[{"type":"oauthbearertoken","name":"Bearer token",
"description":"A token a tenant administrator creates on the admin page (Provisioning)","primary":true}],
"meta":{"resourceType":"ServiceProviderConfig","location":"{base}/ServiceProviderConfig"}}"#;

const USER_RESOURCE_TYPE: &str = r#"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
"id":"User","name":"User","endpoint":"/Users","description":"A person who signs in",
"schema":"urn:ietf:params:scim:schemas:core:2.0:User",
"meta":{"resourceType":"ResourceType","location":"{base}/ResourceTypes/User"}}"#;

/// The User schema as this server keeps it: what it declares, it stores and
/// returns as sent.
const USER_SCHEMA_DOCUMENT: &str = r#"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Schema"],
"id":"urn:ietf:params:scim:schemas:core:2.0:User","name":"User","description":"A person who signs in",
"attributes":[
{"name":"userName","type":"string","multiValued":false,"required":true,"caseExact":false,"mutability":"readWrite",
 "returned":"default","uniqueness":"server","description":"Sign-in name, unique in the tenant; compared in any case"},
{"name":"displayName","type":"string","multiValued":false,"required":false,"caseExact":false,"mutability":"readWrite",
 "returned":"default","uniqueness":"none","description":"Name shown to people"},
{"name":"active","type":"boolean","multiValued":false,"required":true,"caseExact":false,"mutability":"readWrite",
 "returned":"default","uniqueness":"none","description":"false: every way in is refused"},
{"name":"emails","type":"complex","multiValued":true,"required":false,"caseExact":false,"mutability":"readWrite",
 "returned":"default","uniqueness":"none","description":"Addresses of the user (not sign-in methods)",
 "subAttributes":[
  {"name":"value","type":"string","multiValued":false,"required":false,"caseExact":false,"mutability":"readWrite","returned":"default","uniqueness":"none"},
  {"name":"type","type":"string","multiValued":false,"required":false,"caseExact":false,"mutability":"readWrite","returned":"default","uniqueness":"none","canonicalValues":["work","home","other"]},
  {"name":"primary","type":"boolean","multiValued":false,"required":false,"caseExact":false,"mutability":"readWrite","returned":"default","uniqueness":"none"}]}],
"meta":{"resourceType":"Schema","location":"{base}/Schemas/urn:ietf:params:scim:schemas:core:2.0:User"}}"#;

fn document(template: &str, base: &str) -> String {
    template.replace('\n', "").replace("{base}", base)
}

/// A list of fixed documents, as text.
fn list_of(document: String) -> String {
    format!(
        r#"{{"schemas":["{LIST_RESPONSE}"],"totalResults":1,"startIndex":1,"itemsPerPage":1,"Resources":[{document}]}}"#
    )
}

/// Discovery (RFC 7644 §4) as JSON text.
pub fn service_provider_config(base: &str) -> String {
    document(SERVICE_PROVIDER_CONFIG, base)
}
pub fn user_resource_type(base: &str) -> String {
    document(USER_RESOURCE_TYPE, base)
}
pub fn resource_types(base: &str) -> String {
    list_of(user_resource_type(base))
}
pub fn user_schema(base: &str) -> String {
    document(USER_SCHEMA_DOCUMENT, base)
}
pub fn schemas(base: &str) -> String {
    list_of(user_schema(base))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_rfc3339() {
        assert_eq!(timestamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(timestamp(1_800_000_000_000), "2027-01-15T08:00:00Z");
        assert_eq!(timestamp(951_782_400_000), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn a_resource_reads_in_any_case_and_entras_strings() {
        let body = json!({"schemas": [USER_SCHEMA], "UserName": "Ann@Example.org", "Active": "False",
            "name": {"formatted": "Ann Smith", "givenName": "Ann"}, "title": "ignored",
            "emails": [{"value": "ann@example.org", "type": "work", "primary": true}]});
        let a = UserAttributes::from_resource(&body).unwrap();
        assert_eq!((a.user_name.as_str(), a.display_name.as_str(), a.active), ("ann@example.org", "Ann Smith", false));
        assert_eq!(
            a.emails,
            vec![DirectoryEmail { value: "ann@example.org".into(), kind: Some("work".into()), primary: Some(true) }]
        );
        assert_eq!(
            UserAttributes::from_resource(&json!({"displayName": "x"})).unwrap_err().scim_type,
            Some("invalidValue")
        );
        assert!(UserAttributes::from_resource(&json!({"userName": "a", "emails": [{"value": "nope"}]})).is_err());
        assert!(UserAttributes::from_resource(&json!({"userName": "a", "active": "maybe"})).is_err());
    }

    #[test]
    fn attributes_select_and_exclude() {
        let r = json!({"schemas": [], "id": "1", "userName": "a", "displayName": "A", "emails": []});
        assert_eq!(
            select(r.clone(), &["DISPLAYNAME".into()], &[]),
            json!({"schemas": [], "id": "1", "displayName": "A"})
        );
        assert_eq!(
            select(r, &[], &[format!("{USER_SCHEMA}:emails.value")]),
            json!({"schemas": [], "id": "1", "userName": "a", "displayName": "A"})
        );
    }

    #[test]
    fn discovery_documents_are_json_with_the_root() {
        for text in [
            service_provider_config("https://x/scim/v2"),
            resource_types("https://x/scim/v2"),
            schemas("https://x/scim/v2"),
        ] {
            let v: Value = serde_json::from_str(&text).unwrap();
            assert!(text.contains("https://x/scim/v2/") && !text.contains("{base}"), "{v}");
        }
        let schema: Value = serde_json::from_str(&user_schema("b")).unwrap();
        assert_eq!(schema["id"], USER_SCHEMA);
        assert_eq!(schema["attributes"].as_array().unwrap().len(), 4);
    }

    #[test]
    fn errors_have_rfc_7644_shape() {
        let e = ScimError::new(409, Some("uniqueness"), "taken").json();
        assert_eq!(e, json!({"schemas": [ERROR], "status": "409", "scimType": "uniqueness", "detail": "taken"}));
    }
}
