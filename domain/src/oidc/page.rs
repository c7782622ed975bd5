//! The error page of an authorization request that cannot go back to its app
//! (OpenID Connect Core §3.1.2.6): plain HTML in the user's language, styled by
//! the SPA's stylesheet, with a way back to this product.

use super::authorization::PageError;
use crate::delivery::format;
use crate::messages::Args;
use crate::providers::twilio::xml_escape;

/// The page for `error` at `tenant` (`home`: the tenant's Security info).
pub fn error_page(lang: &str, error: PageError, tenant: &str, home: &str) -> String {
    let mut args = Args::new();
    args.set("tenant", tenant.to_string());
    let [title, text, back] =
        ["oidc-error-title", error.message_id(), "oidc-error-back"].map(|id| xml_escape(&format(lang, id, &args)));
    format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title>\
         <link rel=\"stylesheet\" href=\"/main.css\"></head><body><main id=\"main\" class=\"card\">\
         <h1>{title}</h1><p role=\"alert\">{text}</p><p><a href=\"{}\">{back}</a></p></main></body></html>",
        xml_escape(home)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_what_happened_in_the_users_language_escaped() {
        let page = error_page("nl-NL", PageError::RedirectMismatch, "Contoso <Ltd>", "https://c.example/");
        assert!(page.contains("lang=\"nl-NL\""));
        assert!(page.contains("niet bij Contoso &lt;Ltd&gt; is geregistreerd"), "{page}");
        let page = error_page("en-US", PageError::UnknownClient, "Contoso", "https://c.example/");
        assert!(page.contains("This app is not registered with Contoso."), "{page}");
        assert!(page.contains("href=\"https://c.example/\""));
    }
}
