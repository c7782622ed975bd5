//! The in-memory world the flow tests run in: a fixed clock, seeded randomness,
//! a courier that keeps what it sends.
#![allow(dead_code)]

use domain::delivery::{Courier, Message};
use domain::entropy::Seeded;
use domain::ledger::MemoryLedgers;
use domain::oidc::signing::SigningKeys;
use domain::portal::{Authenticated, Portal};
use domain::sealing::Keyring;
use domain::session::SessionPolicy;
use domain::store::MemoryStore;
use domain::tenant::Tenant;
use domain::{demo, Error, Millis};
use pollster::block_on;
use std::cell::RefCell;

#[derive(Default)]
pub struct Sent(pub RefCell<Vec<Message>>);

impl Courier for Sent {
    async fn send(&self, message: &Message) -> Result<(), Error> {
        self.0.borrow_mut().push(message.clone());
        Ok(())
    }
}

impl Sent {
    /// The six-digit code in the last message, whatever its channel.
    pub fn last_code(&self) -> String {
        let messages = self.0.borrow();
        let text = match messages.last().expect("a message was sent") {
            Message::Email(e) => e.subject.clone(),
            Message::Sms(s) => s.body.clone(),
            Message::Call(c) => c.twiml.clone(),
        };
        text.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6).unwrap_or_default().to_string()
    }

    pub fn last_email(&self) -> domain::delivery::Email {
        match self.0.borrow().last() {
            Some(Message::Email(e)) => e.clone(),
            other => panic!("{other:?}"),
        }
    }
}

/// The code an authenticator app shows at `at`, computed by totp-rs from the
/// base32 text the user reads under "Can't scan image?".
pub fn app_code(secret: &str, at: u64) -> String {
    let secret = totp_rs::Secret::try_from_base32(secret.replace(' ', "")).unwrap();
    totp_rs::Builder::new().with_secret(secret).build().unwrap().generate(at / 1000).to_string()
}

pub struct World {
    pub store: MemoryStore,
    pub ledgers: MemoryLedgers,
    pub sent: Sent,
    pub rng: Seeded,
    pub keys: Keyring,
    pub signing: SigningKeys,
    pub now: std::cell::Cell<Millis>,
}

pub const T0: Millis = 1_800_000_000_000;
pub const ADELE: (&str, &str) = (demo::USERS[0].0, demo::USERS[0].1);

impl World {
    pub fn new() -> Self {
        let w = World {
            store: MemoryStore::default(),
            ledgers: MemoryLedgers::default(),
            sent: Sent::default(),
            rng: Seeded::new(42),
            keys: Keyring::parse("k1:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f").unwrap(),
            signing: SigningKeys::parse("s1:c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721").unwrap(),
            now: std::cell::Cell::new(T0),
        };
        // As a Durable Object holds the worker's sealing keys.
        w.ledgers.hold_keys(w.keys.clone());
        block_on(demo::seed(&w.store, &w.ledgers, &w.rng, T0)).unwrap();
        w
    }

    /// The portal for a request that reached the demo tenant, as stored now (as
    /// the worker reads it per request). Leaked: a test's few kilobytes.
    pub fn portal(&self) -> Portal<'_, MemoryStore, MemoryLedgers, Sent, Seeded> {
        let tenant = block_on(domain::tenant::by_id(&self.store, demo::TENANT)).unwrap();
        self.portal_for(Box::leak(Box::new(tenant)))
    }

    /// The portal for a request that reached `tenant`.
    pub fn portal_for<'a>(&'a self, tenant: &'a Tenant) -> Portal<'a, MemoryStore, MemoryLedgers, Sent, Seeded> {
        Portal {
            store: &self.store,
            ledgers: &self.ledgers,
            courier: &self.sent,
            entropy: &self.rng,
            keys: Some(&self.keys),
            signing: Some(&self.signing),
            now: self.now.get(),
            sessions: SessionPolicy::default(),
            client_ip: "10.0.0.1",
            client_country: Some("NL"),
            user_agent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0",
            lang: "en-US",
            link_base: "https://contoso.example",
            tenant,
            memo: Default::default(),
        }
    }

    /// The portal for a request from `ip`.
    pub fn portal_at<'a>(&'a self, ip: &'a str) -> Portal<'a, MemoryStore, MemoryLedgers, Sent, Seeded> {
        Portal { client_ip: ip, ..self.portal() }
    }

    /// The portal for a request in `lang`.
    pub fn portal_in<'a>(&'a self, lang: &'a str) -> Portal<'a, MemoryStore, MemoryLedgers, Sent, Seeded> {
        Portal { lang, ..self.portal() }
    }

    pub fn advance(&self, by: Millis) {
        self.now.set(self.now.get() + by);
    }

    pub fn sign_in(&self) -> (String, Authenticated) {
        let p = self.portal();
        let _tenant = block_on(domain::tenant::for_host(p.store, "localhost:8787")).unwrap();
        let s = block_on(p.sign_in(ADELE.0, ADELE.1)).unwrap();
        (s.token, s.auth)
    }

    /// Registers an authenticator app for `auth`'s user; returns (method id, secret).
    pub fn register_app(&self, auth: &mut Authenticated, name: &str) -> (String, String) {
        let setup = block_on(self.portal().start_authenticator(auth)).unwrap();
        let code = app_code(&setup.secret, self.now.get());
        let view = block_on(self.portal().verify_authenticator(auth, &setup.challenge_id, &code, name)).unwrap();
        (view.id, setup.secret)
    }

    /// Registers the Dutch mobile 06 1234 5678 by text for `auth`'s user.
    pub fn register_phone(&self, auth: &mut Authenticated) -> api::MethodView {
        let p = block_on(self.portal().start_phone(auth, "NL", "0612345678")).unwrap();
        block_on(self.portal().verify_code(auth, &p.challenge_id, &self.sent.last_code())).unwrap()
    }
}
