//! Administrators: the tenant's settings, audit trail, Temporary Access Passes and
//! second-step unlocks (the domain checks the role).

use super::{Call, Outcome};
use crate::site;
use api::endpoints;
use api::{AccessPassIssued, AccessPassView, TenantSettings};
use worker::{Response, Result};

pub fn settings(c: &mut Call<'_, '_>) -> Outcome<TenantSettings> {
    let (portal, auth) = c.session()?;
    Ok(portal.tenant_settings(auth)?)
}

pub async fn update_settings(c: &mut Call<'_, '_>) -> Outcome<TenantSettings> {
    let b = c.body(&endpoints::ADMIN_UPDATE_SETTINGS).await?;
    let (portal, auth) = c.session()?;
    let saved = portal.update_settings(auth, b).await?;
    site::forget_tenant(&auth.tenant.id);
    Ok(saved)
}

/// The trail's entries as stored (JSON of `Vec<AuditEntry>`, the table's type),
/// so the worker carries no parser for every kind of action.
pub async fn audit(c: &mut Call<'_, '_>) -> Result<Response> {
    let (portal, auth) = match c.session() {
        Ok(found) => found,
        Err(_) => return super::fail(&domain::Error::Unauthenticated),
    };
    match portal.audit_trail_json(auth).await {
        Ok(body) => {
            let mut res = Response::ok(body)?;
            res.headers_mut().set("content-type", "application/json")?;
            Ok(res)
        }
        Err(e) => super::fail(&e),
    }
}

pub async fn access_passes(c: &mut Call<'_, '_>) -> Outcome<Vec<AccessPassView>> {
    let (portal, auth) = c.session()?;
    Ok(portal.access_passes(auth).await?)
}

pub async fn issue_access_pass(c: &mut Call<'_, '_>) -> Outcome<AccessPassIssued> {
    let b = c.body(&endpoints::ADMIN_ISSUE_ACCESS_PASS).await?;
    let (portal, auth) = c.session()?;
    Ok(portal.issue_access_pass(auth, &b.username, b.minutes, b.one_time).await?)
}

pub async fn unlock(c: &mut Call<'_, '_>) -> Outcome<()> {
    let b = c.body(&endpoints::ADMIN_UNLOCK).await?;
    let (portal, auth) = c.session()?;
    Ok(portal.unlock_second_step(auth, &b.username).await?)
}

pub async fn revoke_access_pass(c: &mut Call<'_, '_>) -> Outcome<()> {
    let user = c.value(0).to_string();
    let (portal, auth) = c.session()?;
    Ok(portal.revoke_access_pass(auth, &user).await?)
}

pub async fn methods_report(c: &mut Call<'_, '_>) -> Outcome<api::reports::MethodsReport> {
    let (portal, auth) = c.session()?;
    Ok(portal.methods_report(auth).await?)
}

pub async fn undelivered(c: &mut Call<'_, '_>) -> Outcome<api::reports::Undelivered> {
    let (portal, auth) = c.session()?;
    Ok(portal.undelivered(auth).await?)
}

/// The report's rows as a CSV download.
pub async fn methods_report_csv(c: &mut Call<'_, '_>) -> Result<Response> {
    let (portal, auth) = match c.session() {
        Ok(found) => found,
        Err(_) => return super::fail(&domain::Error::Unauthenticated),
    };
    match portal.methods_report(auth).await {
        Ok(report) => {
            let mut res = Response::ok(domain::portal::methods_report::csv(&report.rows))?;
            res.headers_mut().set("content-type", "text/csv; charset=utf-8")?;
            res.headers_mut().set("content-disposition", "attachment; filename=\"authentication-methods.csv\"")?;
            Ok(res)
        }
        Err(e) => super::fail(&e),
    }
}
