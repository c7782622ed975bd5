//! PATCH (RFC 7644 §3.5.2) on a user's attributes: `add`, `replace` and `remove`,
//! with or without a path, including the shapes Microsoft Entra's provisioning
//! sends (`"op": "Replace"`, `"active": "False"`, `emails[type eq "work"].value`).

use super::{email, emails, filter::email_kind, ScimError, UserAttributes, PATCH_OP};
use crate::tenant::DirectoryEmail;
use serde_json::Value;

/// The most operations one PATCH may carry.
pub const MAX_OPERATIONS: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Add,
    Replace,
    Remove,
}

fn syntax(detail: &str) -> ScimError {
    ScimError::new(400, Some("invalidSyntax"), detail)
}

/// Applies every operation of a PatchOp body, in order, or none (on error the
/// caller keeps the attributes it had).
pub fn apply(attributes: &mut UserAttributes, body: &Value) -> Result<(), ScimError> {
    let object = body.as_object().ok_or_else(|| syntax("not a JSON object"))?;
    let schemas_ok = object.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case("schemas") && v.as_array().is_some_and(|a| a.iter().any(|s| s == PATCH_OP))
    });
    if !schemas_ok {
        return Err(syntax("schemas must name the PatchOp message"));
    }
    let operations = object
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("operations"))
        .and_then(|(_, v)| v.as_array())
        .ok_or_else(|| syntax("Operations must be an array"))?;
    if operations.is_empty() || operations.len() > MAX_OPERATIONS {
        return Err(syntax("between 1 and 100 operations"));
    }
    let mut changed = attributes.clone();
    for operation in operations {
        let field = |name: &str| {
            operation.as_object().and_then(|o| o.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v))
        };
        let op = match field("op").and_then(Value::as_str).map(str::to_ascii_lowercase).as_deref() {
            Some("add") => Op::Add,
            Some("replace") => Op::Replace,
            Some("remove") => Op::Remove,
            _ => return Err(syntax("op must be add, replace or remove")),
        };
        let value = field("value").cloned().unwrap_or(Value::Null);
        match field("path") {
            None | Some(Value::Null) => whole(&mut changed, op, value)?,
            Some(Value::String(path)) => at_path(&mut changed, op, path, value)?,
            Some(_) => return Err(ScimError::new(400, Some("invalidPath"), "path must be a string")),
        }
    }
    *attributes = changed;
    Ok(())
}

/// No path: the value is an object of attributes to add or replace.
fn whole(a: &mut UserAttributes, op: Op, value: Value) -> Result<(), ScimError> {
    let Value::Object(map) = value else {
        return Err(match op {
            Op::Remove => ScimError::new(400, Some("noTarget"), "remove needs a path"),
            _ => ScimError::invalid_value("without a path the value must be an object"),
        });
    };
    for (key, value) in map {
        if op == Op::Add && key.eq_ignore_ascii_case("emails") {
            add_emails(a, emails(value)?);
        } else {
            a.set(&key, value)?;
        }
    }
    Ok(())
}

fn add_emails(a: &mut UserAttributes, new: Vec<DirectoryEmail>) {
    for email in new {
        if !a.emails.contains(&email) {
            a.emails.push(email);
        }
    }
}

fn at_path(a: &mut UserAttributes, op: Op, path: &str, value: Value) -> Result<(), ScimError> {
    let path = path.trim();
    // A path may carry the schema's URN before the attribute.
    let path = path.strip_prefix(super::USER_SCHEMA).map(|p| p.trim_start_matches(':')).unwrap_or(path);
    let lower = path.to_ascii_lowercase();
    if let Some(kind) = email_kind(&lower) {
        let of_kind =
            |e: &DirectoryEmail| e.kind.as_deref().map(str::to_ascii_lowercase).as_deref() == Some(kind.as_str());
        let whole_entry = !lower.ends_with(".value");
        match (op, whole_entry) {
            (Op::Remove, _) => a.emails.retain(|e| !of_kind(e)),
            (_, false) => {
                let text = value.as_str().ok_or_else(|| ScimError::invalid_value("the address must be a string"))?;
                let parsed = email(&serde_json::json!({ "value": text, "type": kind }))?;
                match a.emails.iter_mut().find(|e| of_kind(e)) {
                    Some(entry) => entry.value = parsed.value,
                    None => a.emails.push(parsed),
                }
            }
            (_, true) => {
                a.emails.retain(|e| !of_kind(e));
                add_emails(a, emails(value)?);
            }
        }
        return Ok(());
    }
    match (op, lower.as_str()) {
        (Op::Remove, "username" | "active") => {
            Err(ScimError::new(400, Some("mutability"), format!("{path} is required and cannot be removed")))
        }
        (Op::Remove, _) => a.set(&lower, Value::Null),
        (Op::Add, "emails") => {
            add_emails(a, emails(value)?);
            Ok(())
        }
        (_, "username" | "displayname" | "emails" | "active" | "externalid") => a.set(&lower, value),
        (_, p) if p.contains('[') && !p.starts_with("emails[") => Ok(()),
        (_, p) if p.starts_with("emails[") || p.starts_with("emails.") => {
            Err(ScimError::new(400, Some("invalidPath"), format!("{path} is not supported")))
        }
        // Attributes this server does not keep (name.givenName, title…).
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ann() -> UserAttributes {
        UserAttributes {
            user_name: "ann@example.org".into(),
            display_name: "Ann".into(),
            emails: vec![DirectoryEmail::work("ann@example.org".into())],
            active: true,
            external_id: None,
        }
    }

    fn patch(ops: Value) -> Value {
        json!({ "schemas": [PATCH_OP], "Operations": ops })
    }

    #[test]
    fn entras_shapes_apply() {
        let mut a = ann();
        apply(&mut a, &patch(json!([
            {"op": "Replace", "path": "active", "value": "False"},
            {"op": "Replace", "path": "emails[type eq \"work\"].value", "value": "ann.smith@example.org"},
            {"op": "Add", "path": "displayName", "value": "Ann Smith"},
            {"op": "Add", "path": "name.givenName", "value": "Ann"},
            {"op": "Replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "value": "X"},
            {"op": "Add", "path": "externalId", "value": "e-1"}
        ]))).unwrap();
        assert!(!a.active);
        assert_eq!(a.display_name, "Ann Smith");
        assert_eq!(a.emails[0].value, "ann.smith@example.org");
        assert_eq!(a.external_id.as_deref(), Some("e-1"));
    }

    #[test]
    fn without_a_path_the_value_holds_attributes_and_add_appends_emails() {
        let mut a = ann();
        apply(
            &mut a,
            &patch(json!([
                {"op": "replace", "value": {"active": false, "displayName": "A"}},
                {"op": "add", "value": {"emails": [{"value": "ann@home.example", "type": "home"}]}}
            ])),
        )
        .unwrap();
        assert_eq!((a.active, a.display_name.as_str(), a.emails.len()), (false, "A", 2));
        apply(&mut a, &patch(json!([{"op": "remove", "path": "emails[type eq \"home\"]"}]))).unwrap();
        assert_eq!(a.emails.len(), 1);
        apply(&mut a, &patch(json!([{"op": "remove", "path": "displayName"}, {"op": "remove", "path": "emails"}])))
            .unwrap();
        assert_eq!((a.display_name.as_str(), a.emails.len()), ("", 0));
    }

    #[test]
    fn a_bad_operation_changes_nothing() {
        let mut a = ann();
        let before = a.clone();
        for bad in [
            patch(
                json!([{"op": "replace", "path": "displayName", "value": "B"}, {"op": "remove", "path": "userName"}]),
            ),
            patch(json!([{"op": "move", "path": "displayName"}])),
            patch(json!([{"op": "remove"}])),
            patch(json!([{"op": "replace", "path": "active", "value": "perhaps"}])),
            patch(json!([])),
            json!({"Operations": [{"op": "replace", "path": "displayName", "value": "B"}]}),
        ] {
            assert!(apply(&mut a, &bad).is_err(), "{bad}");
            assert_eq!(a, before);
        }
    }
}
