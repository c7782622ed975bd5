//! The first view as static HTML: the worker puts it in the page it serves, so the
//! sign-in form (or Security info's heading) paints in the tenant's language before
//! the app's wasm has loaded. The app renders the same markup in the same place;
//! boot.js then carries over what was typed (and a submit it held) and removes this
//! copy. The markup copies the app's (`signin.rs`, the
//! header in `app.rs`, `security_info`); tests/e2e/shell.test.mjs checks that nothing
//! moves when the app takes over.

use crate::messages::{app_text, Args};

/// The pages that have a shell: the two almost every visit starts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shell {
    SignIn,
    SecurityInfo,
}

impl Shell {
    /// The shell of `path` (below any tenant prefix); `signed_in` is the readable
    /// signed-in hint cookie (`api::SIGNED_IN_COOKIE`): a guess the app corrects.
    pub fn for_path(path: &str, signed_in: bool) -> Option<Shell> {
        match path.trim_end_matches('/') {
            "" if signed_in => Some(Shell::SecurityInfo),
            "" | "/signin" => Some(Shell::SignIn),
            _ => None,
        }
    }

    /// The shell's markup in `lang` for the tenant `tenant` (its display name), links
    /// below `prefix` (`""` or `/t/<tenant>`). Controls that need the app are
    /// disabled until it takes over; the form posts nowhere useful (boot.js holds a
    /// submit for the app, and the worker answers a post to a page with a redirect).
    pub fn render(self, lang: &str, tenant: &str, prefix: &str) -> String {
        let t = |id: &str| escape(&app_text(lang, id, &Args::new()));
        let prefix = escape(prefix);
        let languages: String = api::LANGUAGES
            .iter()
            .map(|l| {
                let selected = if *l == lang { " selected" } else { "" };
                format!(r#"<option value="{l}"{selected}>{}</option>"#, t(&format!("language-{l}")))
            })
            .collect();
        let menu = match self {
            Shell::SignIn => String::new(),
            Shell::SecurityInfo => format!(
                r#"<button class="menu-toggle" type="button" aria-controls="site-nav" aria-expanded="false" disabled><span class="menu-icon" aria-hidden="true"></span><span class="visually-hidden">{}</span></button>"#,
                t("menu")
            ),
        };
        let nav = match self {
            Shell::SignIn => String::new(),
            Shell::SecurityInfo => format!(
                r#"<nav class="site-nav" id="site-nav" aria-label="{menu}"><a class="link" href="{prefix}/" aria-current="page">{title}</a><a class="link" href="{prefix}/profile">{profile}</a><a class="link" href="{prefix}/activity">{activity}</a><span class="user"></span><button class="link" type="button" disabled>{sign_out}</button></nav>"#,
                menu = t("menu"),
                title = t("app-title"),
                profile = t("profile-title"),
                activity = t("activity-title"),
                sign_out = t("sign-out"),
            ),
        };
        let page = match self {
            Shell::SignIn => {
                let mut args = Args::new();
                args.set("tenant", tenant);
                format!(
                    concat!(
                        r#"<section class="card signin" aria-labelledby="signin-title"><h1 id="signin-title">{title}</h1><p>{intro}</p>"#,
                        r#"<form novalidate method="post"><div class="field"><label for="username">{username}</label><input id="username" name="username" type="text" autocomplete="username webauthn" required autocapitalize="off" spellcheck="false" aria-invalid="false" aria-describedby="signin-error"></div>"#,
                        r#"<div class="field"><label for="password">{password}</label><input id="password" name="password" type="password" required autocomplete="current-password" aria-invalid="false" aria-describedby="signin-error"></div>"#,
                        r#"<p class="error" id="signin-error" role="alert" aria-live="assertive"></p><button class="primary" type="submit" aria-busy="false">{button}</button></form>"#,
                        r#"<div class="passkey"><button type="button" disabled>{passkey}</button></div><p class="forgot"><a href="{prefix}/reset">{reset}</a><a href="{prefix}/help">{help}</a></p>"#,
                        r#"<p class="forgot"><button class="link" type="button" disabled>{pass}</button></p></section>"#
                    ),
                    title = t("sign-in-title"),
                    intro = escape(&app_text(lang, "sign-in-intro", &args)),
                    username = t("username-label"),
                    password = t("password-label"),
                    button = t("sign-in-button"),
                    passkey = t("signin-passkey"),
                    reset = t("reset-link"),
                    help = t("help-link"),
                    pass = t("signin-with-pass"),
                    prefix = prefix,
                )
            }
            Shell::SecurityInfo => format!(
                r#"<section class="page" aria-labelledby="page-title"><h1 id="page-title">{}</h1><p class="intro">{}</p></section>"#,
                t("app-title"),
                t("security-info-intro")
            ),
        };
        format!(
            concat!(
                r##"<div id="boot" class="shell" aria-busy="true"><div class="app"><a class="skip" href="#main">{skip}</a><header class="topbar"><div class="brand"><span class="tenant">{tenant}</span><span class="product">{product}</span></div>"##,
                r#"<div class="tools"><label class="lang"><span class="visually-hidden">{language}</span><select disabled>{languages}</select></label>{menu}</div>{nav}</header>"#,
                r#"<main id="main" tabindex="-1">{page}</main></div></div>"#
            ),
            skip = t("skip-to-content"),
            tenant = escape(tenant),
            product = t("app-title"),
            language = t("language-label"),
            languages = languages,
            menu = menu,
            nav = nav,
            page = page,
        )
    }
}

/// Text or an attribute value as HTML.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_in_and_security_info_have_shells() {
        assert_eq!(Shell::for_path("/", false), Some(Shell::SignIn));
        assert_eq!(Shell::for_path("", true), Some(Shell::SecurityInfo));
        assert_eq!(Shell::for_path("/signin", true), Some(Shell::SignIn));
        assert_eq!(Shell::for_path("/signin/", false), Some(Shell::SignIn));
        assert_eq!(Shell::for_path("/profile", true), None);
        assert_eq!(Shell::for_path("/reset", false), None);
    }

    #[test]
    fn the_shell_is_translated_and_escapes_the_tenant() {
        let en = Shell::SignIn.render("en-US", "A&B <Co>", "/t/ab");
        assert!(en.contains("<h1 id=\"signin-title\">Sign in</h1>"), "{en}");
        assert!(en.contains("Sign in to A&amp;B &lt;Co&gt; with your work or school account."), "{en}");
        assert!(
            en.contains("href=\"/t/ab/reset\"") && en.contains("<option value=\"en-US\" selected>English</option>")
        );
        assert!(!en.contains("<Co>"));
        let nl = Shell::SignIn.render("nl-NL", "Contoso", "");
        assert!(nl.contains("<label for=\"password\">Wachtwoord</label>"), "{nl}");
        assert!(nl.contains("<option value=\"nl-NL\" selected>Nederlands</option>"));
        let info = Shell::SecurityInfo.render("nl-NL", "Contoso", "");
        assert!(info.contains("<h1 id=\"page-title\">Beveiligingsgegevens</h1>"), "{info}");
        assert!(info.contains("href=\"/profile\"") && !info.contains("<form"));
        // Every string was found: no message id shows through.
        for html in [en, nl, info] {
            for id in ["sign-in-", "app-title", "-label", "skip-to", "menu", "security-info-intro"] {
                assert!(!html.contains(&format!(">{id}")), "{id} in {html}");
            }
        }
    }
}
