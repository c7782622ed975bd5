//! Security Info single-page app. Routes live in `app`, one module per page.

mod activity;
mod add_method;
mod admin;
mod app;
mod app_password;
mod authenticator;
mod client;
mod dialog;
mod email;
mod form;
mod i18n;
mod nav;
mod phone;
mod questions;
mod recovery_codes;
mod reset;
mod second_step;
mod security_info;
mod security_key;
mod sent_code;
mod setup;
mod signin;
mod webauthn;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
