//! Administrators' users: find, create, turn off and on, export, delete, and act
//! on a user's methods (the domain checks the role and the recent second step).

use super::{Call, Outcome};
use api::endpoints;
use api::users::{
    CallerCheck, CallerVerified, ScimTokenCreated, ScimTokenView, UserCreated, UserDetail, UserExport, UserPage,
    UserSummary,
};

fn query(c: &Call<'_, '_>, name: &str) -> Option<String> {
    c.req.url().ok().and_then(|u| u.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned()))
}

pub async fn list(c: &mut Call<'_, '_>) -> Outcome<UserPage> {
    let (q, page) = (query(c, "q").unwrap_or_default(), query(c, "page"));
    let (portal, auth) = c.session()?;
    Ok(portal.users(auth, &q, page.as_deref()).await?)
}

pub async fn create(c: &mut Call<'_, '_>) -> Outcome<UserCreated> {
    let b = c.body(&endpoints::ADMIN_CREATE_USER).await?;
    let (portal, auth) = c.session()?;
    Ok(portal.create_user(auth, &b).await?)
}

pub async fn detail(c: &mut Call<'_, '_>) -> Outcome<UserDetail> {
    let id = c.value(0).to_string();
    let (portal, auth) = c.session()?;
    Ok(portal.user_detail(auth, &id).await?)
}

pub async fn delete(c: &mut Call<'_, '_>) -> Outcome<()> {
    let id = c.value(0).to_string();
    let (portal, auth) = c.session()?;
    Ok(portal.delete_user(auth, &id).await?)
}

pub async fn state(c: &mut Call<'_, '_>) -> Outcome<UserSummary> {
    let b = c.body(&endpoints::ADMIN_USER_STATE).await?;
    let id = c.value(0).to_string();
    let (portal, auth) = c.session()?;
    Ok(portal.set_user_disabled(auth, &id, b.disabled).await?)
}

pub async fn export(c: &mut Call<'_, '_>) -> Outcome<UserExport> {
    let id = c.value(0).to_string();
    let (portal, auth) = c.session()?;
    Ok(portal.export_user(auth, &id).await?)
}

pub async fn delete_method(c: &mut Call<'_, '_>) -> Outcome<()> {
    let (id, method) = (c.value(0).to_string(), c.value(1).to_string());
    let (portal, auth) = c.session()?;
    Ok(portal.delete_user_method(auth, &id, &method).await?)
}

pub async fn require_registration(c: &mut Call<'_, '_>) -> Outcome<()> {
    let id = c.value(0).to_string();
    let (portal, auth) = c.session()?;
    Ok(portal.require_registration(auth, &id).await?)
}

pub async fn sign_out(c: &mut Call<'_, '_>) -> Outcome<()> {
    let id = c.value(0).to_string();
    let (portal, auth) = c.session()?;
    Ok(portal.sign_out_user(auth, &id).await?)
}

pub async fn role(c: &mut Call<'_, '_>) -> Outcome<UserSummary> {
    let b = c.body(&endpoints::ADMIN_USER_ROLE).await?;
    let id = c.value(0).to_string();
    let (portal, auth) = c.session()?;
    Ok(portal.set_user_role(auth, &id, b.role).await?)
}

pub async fn verify_caller(c: &mut Call<'_, '_>) -> Outcome<CallerCheck> {
    let b = c.body(&endpoints::ADMIN_USER_VERIFY_CALLER).await?;
    let id = c.value(0).to_string();
    let (portal, auth) = c.session()?;
    Ok(portal.start_caller_check(auth, &id, &b.method_id).await?)
}

pub async fn caller_check(c: &mut Call<'_, '_>) -> Outcome<CallerVerified> {
    let b = c.body(&endpoints::ADMIN_USER_CALLER_CHECK).await?;
    let id = c.value(0).to_string();
    let (portal, auth) = c.session()?;
    Ok(portal.finish_caller_check(auth, &id, &b).await?)
}

pub async fn scim_tokens(c: &mut Call<'_, '_>) -> Outcome<Vec<ScimTokenView>> {
    let (portal, auth) = c.session()?;
    Ok(portal.scim_tokens(auth).await?)
}

pub async fn create_scim_token(c: &mut Call<'_, '_>) -> Outcome<ScimTokenCreated> {
    let b = c.body(&endpoints::ADMIN_CREATE_SCIM_TOKEN).await?;
    let endpoint = format!("{}{}", c.portal.link_base, api::paths::SCIM_ROOT);
    let (portal, auth) = c.session()?;
    let (token, view) = portal.create_scim_token(auth, &b.name).await?;
    Ok(ScimTokenCreated { token, endpoint, view })
}

pub async fn revoke_scim_token(c: &mut Call<'_, '_>) -> Outcome<()> {
    let id = c.value(0).to_string();
    let (portal, auth) = c.session()?;
    Ok(portal.revoke_scim_token(auth, &id).await?)
}
