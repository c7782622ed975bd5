//! The admin page's audit trail: who changed what in the organization, when and
//! from where, newest first.

use crate::i18n::{date, t, t_args, tr};
use api::{AuditAction, AuditEntry};
use leptos::prelude::*;

#[component]
pub fn AuditTrail(audit: RwSignal<Vec<AuditEntry>>) -> impl IntoView {
    view! {
        <h2>{tr("admin-audit-title")}</h2>
        <Show when=move || !audit.get().is_empty() fallback=|| view! { <p class="empty">{tr("admin-audit-empty")}</p> }>
            <ul class="audit">
                {move || audit.get().into_iter().map(|e| {
                    let (key, what) = match e.action {
                        AuditAction::SettingsChanged { changed } => (
                            "admin-audit-line",
                            changed.iter().map(|c| t(&format!("admin-part-{c}"))).collect::<Vec<_>>().join(", "),
                        ),
                        AuditAction::AccessPassIssued { username, minutes, one_time } => {
                            let kind = if one_time { t("admin-tap-use-once") } else { t("admin-tap-use-many") };
                            ("admin-audit-tap-issued", format!("{username} ({}, {kind})", t_args("admin-tap-minutes", &[("minutes", minutes.into())])))
                        }
                        AuditAction::AccessPassRevoked { username } => ("admin-audit-tap-revoked", username),
                        AuditAction::SecondStepUnlocked { username } => ("admin-audit-unlocked", username),
                        AuditAction::ChangeReported { username, change } => {
                            ("admin-audit-reported", format!("{username}: {}", crate::activity::describe(&change)))
                        }
                        AuditAction::ClientRegistered { name, .. } => ("admin-audit-client-registered", name),
                        AuditAction::ClientDeleted { name, .. } => ("admin-audit-client-deleted", name),
                        AuditAction::UserCreated { username } => ("admin-audit-user-created", username),
                        AuditAction::UserDisabled { username } => ("admin-audit-user-disabled", username),
                        AuditAction::UserEnabled { username } => ("admin-audit-user-enabled", username),
                        AuditAction::UserDeleted { username } => ("admin-audit-user-deleted", username),
                        AuditAction::UserExported { username } => ("admin-audit-user-exported", username),
                        AuditAction::RegistrationRequired { username } => ("admin-audit-registration-required", username),
                        AuditAction::UserSignedOut { username } => ("admin-audit-user-signed-out", username),
                        AuditAction::ScimTokenCreated { name } => ("admin-audit-scim-token-created", name),
                        AuditAction::ScimTokenRevoked { name } => ("admin-audit-scim-token-revoked", name),
                        AuditAction::UserProvisioned { username, changed } => {
                            ("admin-audit-user-provisioned", format!("{username} ({})", changed.join(", ")))
                        }
                        AuditAction::RoleChanged { username, role } => {
                            ("admin-audit-role-changed", format!("{username}: {}", t(&format!("admin-role-{}", role.as_str()))))
                        }
                        AuditAction::CallerChecked { username, method, passed } => {
                            let key = if passed { "admin-audit-caller-passed" } else { "admin-audit-caller-failed" };
                            (key, format!("{username} ({})", t(&format!("method-{}", method.as_str()))))
                        }
                        AuditAction::UserMethodDeleted { username, method } => {
                            ("admin-audit-user-method-deleted", format!("{username}: {}", t(&format!("method-{}", method.as_str()))))
                        }
                    };
                    view! {
                        <li>{t_args(key, &[("date", date(e.at).into()), ("actor", e.actor.into()), ("parts", what.into()), ("ip", e.ip.into())])}</li>
                    }
                }).collect_view()}
            </ul>
        </Show>
    }
}
