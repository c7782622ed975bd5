//! Delivery providers and the delivery queue. Production speaks SendGrid's v3 mail
//! API or Postmark's email API, and Twilio's Messages and Calls APIs, over HTTP;
//! development builds may instead record every message in the KV outbox
//! (`DELIVERY = "outbox"`). Without the `dev` feature the outbox is not compiled
//! in, so no setting can enable it.

use crate::kv::Kv;
use domain::delivery::queue::{self, Parcel, Provider, Trouble, Verdict};
use domain::delivery::{Courier, Message};
use domain::providers::twilio;
use domain::Error;
use providers::{Mail, MailApi, Twilio, POSTMARK_URL, SENDGRID_URL, TWILIO_URL};
use std::cell::{Cell, OnceCell, RefCell};
use worker::{Env, MessageBatch, MessageExt, Queue, QueueRetryOptionsBuilder};

mod providers;

// One per request, never moved around: its size does not matter.
#[allow(clippy::large_enum_variant)]
pub enum Delivery<'a> {
    Providers {
        mail: Mail,
        sms: Twilio,
    },
    #[cfg(feature = "dev")]
    Outbox(domain::delivery::Outbox<'a, Kv>),
    #[cfg(not(feature = "dev"))]
    #[allow(dead_code)]
    Never(std::marker::PhantomData<&'a Kv>),
}

fn var(env: &Env, name: &str) -> Option<String> {
    env.var(name).ok().map(|v| v.to_string()).filter(|v| !v.is_empty())
}

fn secret(env: &Env, name: &str) -> Option<String> {
    env.secret(name).ok().map(|s| s.to_string()).filter(|s| !s.is_empty())
}

/// `status_callback`: where the SMS provider reports whether a text arrived.
pub fn from_env<'a>(env: &Env, _store: &'a Kv, _now: domain::Millis, status_callback: Option<String>) -> Delivery<'a> {
    #[cfg(feature = "dev")]
    if var(env, "DELIVERY").as_deref() == Some("outbox") {
        return Delivery::Outbox(domain::delivery::Outbox { store: _store, now: _now });
    }
    // How long a provider may take to answer before the message goes on the queue.
    let timeout_ms = var(env, "PROVIDER_TIMEOUT_MS").and_then(|v| v.parse().ok()).unwrap_or(8_000);
    let api = match var(env, "MAIL_PROVIDER").as_deref() {
        Some("postmark") => MailApi::Postmark,
        _ => MailApi::SendGrid,
    };
    Delivery::Providers {
        mail: Mail {
            api,
            url: var(env, "MAIL_API_URL")
                .unwrap_or_else(|| if api == MailApi::Postmark { POSTMARK_URL } else { SENDGRID_URL }.to_string()),
            key: secret(env, "MAIL_API_KEY"),
            from: var(env, "MAIL_FROM").unwrap_or_else(|| "no-reply@security-info.example".to_string()),
            from_name: var(env, "MAIL_FROM_NAME").unwrap_or_else(|| "Security Info".to_string()),
            timeout_ms,
        },
        sms: Twilio {
            base: var(env, "TWILIO_API_URL").unwrap_or_else(|| TWILIO_URL.to_string()),
            account: secret(env, "TWILIO_ACCOUNT_SID"),
            token: secret(env, "TWILIO_AUTH_TOKEN"),
            api_key: secret(env, "TWILIO_API_KEY_SID").zip(secret(env, "TWILIO_API_KEY_SECRET")),
            from: var(env, "SMS_FROM").unwrap_or_default(),
            messaging_service: var(env, "TWILIO_MESSAGING_SERVICE_SID"),
            status_callback,
            timeout_ms,
        },
    }
}

impl Provider for Delivery<'_> {
    async fn try_send(&self, message: &Message) -> Result<(), Trouble> {
        match (self, message) {
            (Delivery::Providers { mail, .. }, Message::Email(email)) => mail.send(email).await,
            (Delivery::Providers { sms, .. }, Message::Sms(text)) => sms.send(text).await,
            (Delivery::Providers { sms, .. }, Message::Call(call)) => sms.call(call).await,
            #[cfg(feature = "dev")]
            (Delivery::Outbox(outbox), message) => {
                crate::trace::Trace::count(&outbox.store.1.outbox);
                outbox.send(message).await.map_err(|_| Trouble::Passing)
            }
            #[cfg(not(feature = "dev"))]
            (Delivery::Never(_), _) => Err(Trouble::Final),
        }
    }
}

impl Delivery<'_> {
    /// Whether messages go to real providers, which may fail (not the outbox).
    fn may_fail(&self) -> bool {
        matches!(self, Delivery::Providers { .. })
    }
}

/// Sends at once or holds the messages to send after the response is out
/// (`Context::wait_until`): a password reset's texts and calls, so the reset
/// answers as fast for a real account as for a decoy, which sends nothing.
/// Notices go on the delivery queue; a code whose provider has a passing trouble
/// goes there too, and the response says so (`x-delivery: queued`).
/// The providers' settings and the queue's binding are read on first use: most
/// requests send nothing, and production's settings are a dozen variables.
pub struct Postbox<'a> {
    env: &'a Env,
    kv: &'a Kv,
    delivery: OnceCell<Delivery<'a>>,
    held: Option<RefCell<Vec<Message>>>,
    queue: OnceCell<Option<Queue>>,
    tenant: String,
    status_callback: Option<String>,
    now: domain::Millis,
    queued: Cell<bool>,
}

/// The delivery queue's binding, and the header telling the SPA a code is on it.
pub const QUEUE: &str = "DELIVERY_QUEUE";
pub const QUEUED_HEADER: &str = "x-delivery";

impl<'a> Postbox<'a> {
    /// `link_base`: scheme, host and tenant prefix of the request.
    pub fn new(env: &'a Env, kv: &'a Kv, tenant: &str, link_base: &str, hold: bool, now: domain::Millis) -> Self {
        let status_callback = Some(twilio::status_url(link_base, tenant));
        Postbox {
            env,
            kv,
            delivery: OnceCell::new(),
            held: hold.then(RefCell::default),
            queue: OnceCell::new(),
            tenant: tenant.to_string(),
            status_callback,
            now,
            queued: Cell::new(false),
        }
    }

    /// The messages held back, to send after the response.
    pub fn take_held(&self) -> Vec<Message> {
        self.held.as_ref().map(|held| held.take()).unwrap_or_default()
    }

    /// Whether a code the user waits for went on the queue.
    pub fn queued(&self) -> bool {
        self.queued.get()
    }

    fn delivery(&self) -> &Delivery<'a> {
        self.delivery.get_or_init(|| from_env(self.env, self.kv, self.now, self.status_callback.clone()))
    }

    async fn enqueue(&self, message: &Message) -> Result<(), Error> {
        let Some(queue) = self.queue.get_or_init(|| self.env.queue(QUEUE).ok()) else {
            return Err(Error::DeliveryFailed);
        };
        let parcel = parcel(&self.tenant, message, self.status_callback.clone(), self.now);
        enqueue(queue, &parcel).await
    }
}

/// A message as a parcel for the queue, with a new id.
fn parcel(tenant: &str, message: &Message, status_callback: Option<String>, now: domain::Millis) -> Parcel {
    Parcel {
        id: domain::entropy::token::<_, 16>(&crate::CryptoRandom),
        tenant: tenant.to_string(),
        queued_at: now,
        message: message.clone(),
        status_callback,
    }
}

/// Puts a parcel on the queue (sent as JSON text: one serialiser on both sides).
async fn enqueue(queue: &Queue, parcel: &Parcel) -> Result<(), Error> {
    let json = serde_json::to_string(parcel)?;
    queue.send(json).await.map_err(|e| {
        worker::console_error!("delivery queue: {e}");
        Error::DeliveryFailed
    })?;
    worker::console_log!(
        "{}",
        serde_json::json!({ "queued": parcel.id, "channel": parcel.message.channel(), "to": parcel.message.masked_recipient() })
    );
    Ok(())
}

impl Courier for Postbox<'_> {
    async fn send(&self, message: &Message) -> Result<(), Error> {
        if let Some(held) = &self.held {
            held.borrow_mut().push(message.clone());
            return Ok(());
        }
        match self.delivery().try_send(message).await {
            Ok(()) => Ok(()),
            // A call is for now or never: the user waits at the phone.
            Err(Trouble::Passing) if !matches!(message, Message::Call(_)) => {
                self.enqueue(message).await?;
                self.queued.set(true);
                Ok(())
            }
            Err(_) => Err(Error::DeliveryFailed),
        }
    }

    async fn notify(&self, message: &Message) -> Result<(), Error> {
        if self.delivery().may_fail() && self.enqueue(message).await.is_ok() {
            return Ok(());
        }
        self.send(message).await
    }
}

/// Sends held messages (after the response, so with its own store handle); a
/// passing trouble puts the message on the queue.
pub async fn send_held(env: Env, tenant: String, link_base: String, messages: Vec<Message>, now: domain::Millis) {
    let Ok(kv) = env.kv("KV").map(|kv| Kv(kv, Default::default())) else {
        worker::console_error!("held messages: no KV binding");
        return;
    };
    let status_callback = Some(twilio::status_url(&link_base, &tenant));
    let delivery = from_env(&env, &kv, now, status_callback.clone());
    let queue = env.queue(QUEUE).ok();
    for message in &messages {
        let sent = match (delivery.try_send(message).await, &queue) {
            (Err(Trouble::Passing), Some(queue)) if !matches!(message, Message::Call(_)) => {
                enqueue(queue, &parcel(&tenant, message, status_callback.clone(), now)).await
            }
            (result, _) => result.map_err(|_| Error::DeliveryFailed),
        };
        if let Err(e) = sent {
            worker::console_error!("held message not sent: {e:?}");
        }
    }
}

/// The queue consumer: the delivery queue's parcels are tried again until the
/// provider takes them (then the queue moves them to the dead-letter queue, whose
/// parcels are recorded for the tenant's admins).
pub async fn consume(batch: MessageBatch<String>, env: Env) -> worker::Result<()> {
    let usage = std::rc::Rc::new(crate::trace::Trace::default());
    let kv = Kv(env.kv("KV")?, usage.clone());
    let ledgers = crate::ledger::DurableLedgers(env.durable_object("LEDGER")?, usage.clone());
    let dead = batch.queue().ends_with("-dlq");
    // The first pause before a retry, in seconds (doubling after).
    let shortest = var(&env, "DELIVERY_RETRY_SECONDS").and_then(|s| s.parse().ok()).unwrap_or(5);
    // Raw bodies (JSON text, see `enqueue`): serde_json reads them, no second deserialiser.
    for message in batch.raw_iter() {
        let now = worker::Date::now().as_millis();
        let body = message.body().as_string().unwrap_or_default();
        let Ok(parcel) = serde_json::from_str::<Parcel>(&body) else {
            worker::console_error!("delivery queue: a message that is not a parcel, dropped");
            message.ack();
            continue;
        };
        let verdict = if dead {
            queue::record_undelivered(&kv, &parcel, now).await.map(|()| Verdict::Undeliverable)
        } else {
            let delivery = from_env(&env, &kv, now, parcel.status_callback.clone());
            queue::deliver(&parcel, &delivery, &ledgers, &kv, now, shortest).await
        };
        let said = match verdict {
            Ok(Verdict::RetryIn(seconds)) => {
                message.retry_with_options(&QueueRetryOptionsBuilder::new().with_delay_seconds(seconds).build());
                "retry"
            }
            Ok(Verdict::Delivered) => "delivered",
            Ok(Verdict::AlreadyDelivered) => "already-delivered",
            Ok(Verdict::Undeliverable) => "undeliverable",
            Err(_) => {
                message.retry_with_options(&QueueRetryOptionsBuilder::new().with_delay_seconds(shortest).build());
                "retry"
            }
        };
        if said != "retry" {
            message.ack();
        }
        worker::console_log!(
            "{}",
            serde_json::json!({
                "parcel": parcel.id, "tenant": parcel.tenant, "channel": parcel.message.channel(),
                "to": parcel.message.masked_recipient(), "outcome": said, "dead_letter": dead,
            })
        );
    }
    Ok(())
}
