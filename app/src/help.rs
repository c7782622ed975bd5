//! "Can't sign in?": what to do when signing in fails (reset the password, use
//! another method, ask for a Temporary Access Pass), with the organization's help
//! desk contact from its settings. Reachable signed in or not.

use crate::app::ctx;
use crate::i18n::tr;
use crate::nav::Link;
use api::policy::SupportContact;
use leptos::prelude::*;

/// The help desk's web page, email and phone as links, or "ask your administrator"
/// when the organization named none.
#[component]
pub fn SupportLinks(contact: SupportContact) -> impl IntoView {
    if contact.is_empty() {
        return view! { <p class="support none">{tr("help-support-none")}</p> }.into_any();
    }
    let SupportContact { url, email, phone } = contact;
    view! {
        <ul class="support">
            {url.map(|u| view! { <li><a href=u.clone() rel="noopener noreferrer" target="_blank">{tr("help-support-web")}</a>" "<span class="detail">{u.clone()}</span></li> })}
            {email.map(|e| view! { <li><a href=format!("mailto:{e}")>{e.clone()}</a></li> })}
            {phone.map(|p| {
                let dial: String = p.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
                view! { <li><a href=format!("tel:{dial}")>{p}</a></li> }
            })}
        </ul>
    }
    .into_any()
}

#[component]
pub fn HelpPage() -> impl IntoView {
    let ctx = ctx();
    let contact = move || ctx.config.get().map(|c| c.support).unwrap_or_default();
    let signed_in = move || ctx.session.get().is_some();
    view! {
        <section class="card help" aria-labelledby="help-title">
            <h1 id="help-title">{tr("help-title")}</h1>
            <p>{tr("help-intro")}</p>
            <h2>{tr("help-password-title")}</h2>
            <p>{tr("help-password-body")}</p>
            <p><Link href="/reset">{tr("reset-link")}</Link></p>
            <h2>{tr("help-other-method-title")}</h2>
            <p>{tr("help-other-method-body")}</p>
            <h2>{tr("help-access-pass-title")}</h2>
            <p>{tr("help-access-pass-body")}</p>
            <h2>{tr("help-support-title")}</h2>
            {move || view! { <SupportLinks contact=contact()/> }}
            <p class="back">
                {move || if signed_in() {
                    view! { <Link href="/">{tr("help-back-security-info")}</Link> }.into_any()
                } else {
                    view! { <Link href="/signin">{tr("help-back-sign-in")}</Link> }.into_any()
                }}
            </p>
        </section>
    }
}
