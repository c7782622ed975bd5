//! Names of authenticator models by AAGUID, for the security-key list. A small
//! table of widely used keys and passkey providers (as published by the vendors and
//! the community list passkeydeveloper/passkey-authenticator-aaguids); unknown or
//! hidden (all-zero) AAGUIDs have no name.

const MODELS: [(&str, &str); 26] = [
    ("cb69481e-8ff7-4039-93ec-0a2729a154a8", "YubiKey 5 Series"),
    ("ee882879-721c-4913-9775-3dfcce97072a", "YubiKey 5 Series"),
    ("fa2b99dc-9e39-4257-8f92-4a30d23c4118", "YubiKey 5 Series with NFC"),
    ("2fc0579f-8113-47ea-b116-bb5a8db9202a", "YubiKey 5 Series with NFC"),
    ("c5ef55ff-ad9a-4b9f-b580-adebafe026d0", "YubiKey 5Ci"),
    ("73bb0cd4-e502-49b8-9c6f-b59445bf720b", "YubiKey 5 FIPS Series"),
    ("d8522d9f-575b-4866-88a9-ba99fa02f35b", "YubiKey Bio Series"),
    ("f8a011f3-8c0a-4d15-8006-17111f9edc7d", "Security Key by Yubico"),
    ("b92c3f9a-c014-4056-887f-140a2501163b", "Security Key by Yubico"),
    ("149a2021-8ef6-4133-96b8-81f8d5b7f1f5", "Security Key NFC by Yubico"),
    ("6d44ba9b-f6ec-2e49-b930-0c8fe920cb73", "Security Key NFC by Yubico"),
    ("fbfc3007-154e-4ecc-8c0b-6e020557d7bd", "iCloud Keychain"),
    ("dd4ec289-e01d-41c9-bb89-70fa845d4bf2", "iCloud Keychain (managed)"),
    ("ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4", "Google Password Manager"),
    ("adce0002-35bc-c60a-648b-0b25f1f05503", "Chrome on Mac"),
    ("771b48fd-d3d4-4f74-9232-fc157ab0507a", "Edge on Mac"),
    ("b5397666-4885-aa6b-cebf-e52262a439a2", "Chromium browser"),
    ("08987058-cadc-4b81-b6e1-30de50dcbe96", "Windows Hello"),
    ("9ddd1817-af5a-4672-a2b9-3e3dd95000a9", "Windows Hello"),
    ("6028b017-b1d4-4c02-b4b3-afcdafc96bb2", "Windows Hello"),
    ("bada5566-a7aa-401f-bd96-45619a55120d", "1Password"),
    ("d548826e-79b4-db40-a3d8-11116f7e8349", "Bitwarden"),
    ("531126d6-e717-415c-9320-3d9aa6981239", "Dashlane"),
    ("53414d53-554e-4700-0000-000000000000", "Samsung Pass"),
    ("fdb141b2-5d84-443e-8a35-4698c205a502", "KeePassXC"),
    ("f3809540-7f14-49c1-a8b3-8f813b225541", "Enpass"),
];

/// The model behind an AAGUID given as 32 hex digits (with or without dashes).
pub fn model(aaguid: &str) -> Option<&'static str> {
    let wanted: String = aaguid.chars().filter(|c| *c != '-').map(|c| c.to_ascii_lowercase()).collect();
    if wanted.len() != 32 {
        return None;
    }
    MODELS.iter().find(|(id, _)| id.chars().filter(|c| *c != '-').eq(wanted.chars())).map(|(_, name)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_models_are_named_in_any_spelling() {
        assert_eq!(model("cb69481e8ff7403993ec0a2729a154a8"), Some("YubiKey 5 Series"));
        assert_eq!(model("EA9B8D66-4D01-1D21-3CE4-B6B48CB575D4"), Some("Google Password Manager"));
        assert_eq!(model(&"0".repeat(32)), None, "hidden by the browser");
        assert_eq!(model("cb69481e"), None);
    }

    #[test]
    fn the_table_has_well_formed_unique_ids() {
        let mut ids: Vec<String> = MODELS.iter().map(|(id, _)| id.replace('-', "")).collect();
        assert!(ids.iter().all(|id| id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit())));
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), MODELS.len());
    }
}
