//! A tenant's authentication methods policy: which methods its people may register.

use crate::methods::{many_allowed, Method};
use api::MethodKind;
use serde::{Deserialize, Serialize};

/// Kinds this build can register. Grows as method flows are built.
pub const IMPLEMENTED: [MethodKind; 2] = [MethodKind::AuthenticatorApp, MethodKind::Email];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    pub allowed: Vec<MethodKind>,
}

impl Policy {
    pub fn allows(&self, kind: MethodKind) -> bool {
        self.allowed.contains(&kind)
    }

    /// Kinds offered by "+ Add method": allowed, implemented, and not already held
    /// when the kind is one-per-user. In the product's display order.
    pub fn addable(&self, registered: &[Method]) -> Vec<MethodKind> {
        MethodKind::ALL
            .into_iter()
            .filter(|k| self.allows(*k) && IMPLEMENTED.contains(k))
            .filter(|k| many_allowed(*k) || !registered.iter().any(|m| m.kind() == *k))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::email::EmailAddress;
    use crate::methods::MethodData;

    #[test]
    fn offers_allowed_kinds_not_yet_held() {
        let p = Policy { allowed: vec![MethodKind::Email, MethodKind::Phone] };
        assert_eq!(p.addable(&[]), vec![MethodKind::Email]);
        let all = Policy { allowed: MethodKind::ALL.to_vec() };
        assert_eq!(all.addable(&[]), vec![MethodKind::AuthenticatorApp, MethodKind::Email]);
        let email = Method::single(MethodData::Email { address: EmailAddress::parse("a@b.nl").unwrap() }, 0);
        assert_eq!(p.addable(&[email]), vec![]);
        let none = Policy { allowed: vec![MethodKind::Phone] };
        assert_eq!(none.addable(&[]), vec![]);
    }
}
