//! Mail providers. Production speaks SendGrid's v3 HTTP API; development builds
//! may instead record mail in the KV outbox (`MAIL_PROVIDER = "outbox"`). Without
//! the `dev` feature the outbox is not compiled in, so no setting can enable it.

use crate::kv::Kv;
use domain::delivery::{provider_payload, Email, Mailer};
use domain::Error;
use worker::{Env, Fetch, Headers, Method, Request, RequestInit};

const DEFAULT_API_URL: &str = "https://api.sendgrid.com/v3/mail/send";

pub struct HttpMailer {
    url: String,
    key: Option<String>,
    from: String,
    from_name: String,
}

impl Mailer for HttpMailer {
    async fn send(&self, email: &Email) -> Result<(), Error> {
        let Some(key) = &self.key else {
            worker::console_error!("mail: MAIL_API_KEY secret is not set");
            return Err(Error::DeliveryFailed);
        };
        let body = provider_payload(email, &self.from, &self.from_name).to_string();
        let headers = Headers::new();
        let fail = |e: worker::Error| {
            worker::console_error!("mail: {e}");
            Error::DeliveryFailed
        };
        headers.set("authorization", &format!("Bearer {key}")).map_err(fail)?;
        headers.set("content-type", "application/json").map_err(fail)?;
        let mut init = RequestInit::new();
        init.with_method(Method::Post).with_headers(headers).with_body(Some(body.into()));
        let req = Request::new_with_init(&self.url, &init).map_err(fail)?;
        let res = Fetch::Request(req).send().await.map_err(fail)?;
        if (200..300).contains(&res.status_code()) {
            Ok(())
        } else {
            worker::console_error!("mail: provider answered {}", res.status_code());
            Err(Error::DeliveryFailed)
        }
    }
}

pub enum Mail<'a> {
    Http(HttpMailer),
    #[cfg(feature = "dev")]
    Outbox(domain::delivery::Outbox<'a, Kv>),
    #[cfg(not(feature = "dev"))]
    #[allow(dead_code)]
    Never(std::marker::PhantomData<&'a Kv>),
}

fn var(env: &Env, name: &str) -> Option<String> {
    env.var(name).ok().map(|v| v.to_string()).filter(|v| !v.is_empty())
}

pub fn from_env<'a>(env: &Env, _store: &'a Kv, _now: domain::Millis) -> Mail<'a> {
    #[cfg(feature = "dev")]
    if var(env, "MAIL_PROVIDER").as_deref() == Some("outbox") {
        return Mail::Outbox(domain::delivery::Outbox { store: _store, now: _now });
    }
    Mail::Http(HttpMailer {
        url: var(env, "MAIL_API_URL").unwrap_or_else(|| DEFAULT_API_URL.to_string()),
        key: env.secret("MAIL_API_KEY").ok().map(|s| s.to_string()).filter(|s| !s.is_empty()),
        from: var(env, "MAIL_FROM").unwrap_or_else(|| "no-reply@security-info.example".to_string()),
        from_name: var(env, "MAIL_FROM_NAME").unwrap_or_else(|| "Security Info".to_string()),
    })
}

impl Mailer for Mail<'_> {
    async fn send(&self, email: &Email) -> Result<(), Error> {
        match self {
            Mail::Http(m) => m.send(email).await,
            #[cfg(feature = "dev")]
            Mail::Outbox(m) => m.send(email).await,
            #[cfg(not(feature = "dev"))]
            Mail::Never(_) => Err(Error::DeliveryFailed),
        }
    }
}
