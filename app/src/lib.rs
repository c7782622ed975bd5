//! Security Info single-page app, one module per page. It ships as three bundles
//! (`src/main.rs`, `src/bin/admin.rs`, `src/bin/reset.rs`): the tenant admin's
//! page and the password reset are code most visits never run, so they are not in
//! the bundle everyone downloads.

mod access_pass;
mod activity;
mod add_method;
mod admin;
mod app;
mod app_password;
mod apps;
mod audit;
mod authenticator;
mod client;
mod connected_apps;
mod continuation;
mod devices;
mod dialog;
mod email;
mod form;
mod help;
mod i18n;
mod nav;
pub mod on_demand;
mod phone;
mod profile;
mod questions;
mod reauth;
mod recovery_codes;
mod report;
mod reset;
mod second_step;
mod security_info;
mod security_key;
mod sent_code;
mod setup;
mod signin;
mod undelivered;
mod users;
mod webauthn;

/// The pages of a bundle by path; `None` for paths it does not hold.
pub type Pages = fn(&str) -> Option<leptos::prelude::AnyView>;

/// Starts the app with a bundle's pages, and its chunks if it has them;
/// `locales` names the Fluent files its pages use (`app` and, on the admin's
/// pages, `admin` or `users`: the portal never loads the admin's strings).
pub fn mount(pages: Pages, chunks: Option<on_demand::Chunks>, locales: &'static [&'static str]) {
    client::LOCALE_FILES.with(|f| f.set(locales));
    leptos::mount::mount_to_body(move || {
        if let Some(chunks) = chunks {
            leptos::prelude::provide_context(chunks);
        }
        app::App(app::AppProps { pages })
    });
}

/// The pages of the bundle everyone loads that are in its first load; the
/// portal (`src/main.rs`) adds the ones that load on demand.
pub fn portal_pages(path: &str) -> Option<leptos::prelude::AnyView> {
    use leptos::prelude::*;
    Some(match path {
        "/" => view! { <security_info::SecurityInfoPage/> }.into_any(),
        "/signin" => view! { <signin::SignInPage/> }.into_any(),
        _ => return None,
    })
}

/// What the portal's chunks show (called inside its `wasm_split` functions).
pub mod chunks {
    use crate::on_demand::Reauth;
    use leptos::prelude::*;

    pub fn verify() -> AnyView {
        view! { <crate::second_step::SecondStepPage/> }.into_any()
    }

    pub fn reauth(r: Reauth) -> AnyView {
        crate::second_step::reauth(r.methods, r.default_method, r.on_close, r.on_done)
    }

    pub fn setup() -> AnyView {
        view! { <crate::setup::SetupPage/> }.into_any()
    }

    pub fn profile() -> AnyView {
        view! { <crate::profile::ProfilePage/> }.into_any()
    }

    pub fn password() -> AnyView {
        view! { <crate::profile::PasswordPage/> }.into_any()
    }

    pub fn help() -> AnyView {
        view! { <crate::help::HelpPage/> }.into_any()
    }

    pub fn activity() -> AnyView {
        view! { <crate::activity::ActivityPage/> }.into_any()
    }

    pub fn report() -> AnyView {
        view! { <crate::report::ReportPage/> }.into_any()
    }

    pub fn devices() -> AnyView {
        view! { <crate::devices::Devices/> }.into_any()
    }

    pub fn connected_apps() -> AnyView {
        view! { <crate::connected_apps::ConnectedApps/> }.into_any()
    }
}

/// The password reset's bundle.
pub fn reset_pages(path: &str) -> Option<leptos::prelude::AnyView> {
    use leptos::prelude::*;
    (path == RESET_PAGE).then(|| view! { <reset::ResetPage/> }.into_any())
}

/// The tenant admin's bundle.
pub fn admin_pages(path: &str) -> Option<leptos::prelude::AnyView> {
    use leptos::prelude::*;
    (path == ADMIN_PAGE).then(|| view! { <admin::AdminPage/> }.into_any())
}

/// The admin's Users page: its own bundle, so the tenant settings' stays small.
pub fn users_pages(path: &str) -> Option<leptos::prelude::AnyView> {
    use leptos::prelude::*;
    (path == USERS_PAGE).then(|| view! { <users::UsersPage/> }.into_any())
}

/// boot.js loads the admin, users and reset bundles for these paths (below the
/// tenant base) only.
const ADMIN_PAGE: &str = "/admin";
const USERS_PAGE: &str = "/admin/users";
const RESET_PAGE: &str = "/reset";

/// Every page of either bundle: a path the current bundle lacks but that is
/// listed here is loaded afresh, so boot.js picks the other bundle.
const PAGES: [&str; 12] = [
    "/",
    "/signin",
    "/verify",
    "/setup",
    "/activity",
    "/report",
    "/help",
    "/profile",
    "/password",
    RESET_PAGE,
    ADMIN_PAGE,
    USERS_PAGE,
];
