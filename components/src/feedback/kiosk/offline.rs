//! What `offline.js` (`components/offline/offline.js`, the page's service
//! worker helper) says about the page, for the staff view: whether the page
//! starts without network, whether a new version waits, whether the browser
//! keeps the storage.
//!
//! offline.js is the one place that works these out; it publishes them as
//! data attributes on `<html>` and says `lokalform-offline` on `window` at
//! each change (see its header). This module only reads them, so a citizen
//! at the tablet sees none of it and the staff view shows what offline.js
//! knows. A page without offline.js has none of the attributes:
//! [`Offline::Absent`], [`Storage::Unknown`].

/// The event offline.js sends on `window` after each change.
pub const EVENT: &str = "lokalform-offline";

/// Whether the page starts without network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Offline {
    /// A service worker controls the page: it starts without network. Its
    /// version.
    Ready(String),
    /// The worker is being installed.
    Preparing,
    /// This browser cannot start the page without network.
    Unsupported,
    /// The page does not load offline.js.
    Absent,
}

/// Whether the browser keeps the page's storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Storage {
    /// Kept: not deleted to free space.
    Kept,
    /// Not kept: unsent responses may be deleted when space runs short.
    NotKept,
    /// The browser cannot keep it.
    Unsupported,
    /// Not known (yet, or offline.js is not on the page).
    Unknown,
}

/// The page's state as offline.js published it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// Whether the page starts without network.
    pub offline: Offline,
    /// A new version is installed and waits for a moment nobody is busy.
    pub update_waiting: bool,
    /// Whether the browser keeps the page's storage.
    pub storage: Storage,
}

impl Status {
    /// Reads the state from the attributes' values (`data-lokalform-…`:
    /// `offline`, `version`, `update`, `storage`).
    ///
    /// ```
    /// use lokalform_components::feedback::kiosk::offline::{Offline, Status, Storage};
    /// let s = Status::from_attributes(Some("ready"), Some("1a2b"), Some("waiting"), Some("not-kept"));
    /// assert_eq!(s.offline, Offline::Ready("1a2b".into()));
    /// assert!(s.update_waiting);
    /// assert_eq!(s.storage, Storage::NotKept);
    /// let none = Status::from_attributes(None, None, None, None);
    /// assert_eq!((none.offline, none.update_waiting, none.storage), (Offline::Absent, false, Storage::Unknown));
    /// ```
    pub fn from_attributes(
        offline: Option<&str>,
        version: Option<&str>,
        update: Option<&str>,
        storage: Option<&str>,
    ) -> Status {
        Status {
            offline: match offline {
                Some("ready") => Offline::Ready(version.unwrap_or("?").to_string()),
                Some("preparing") => Offline::Preparing,
                Some(_) => Offline::Unsupported,
                None => Offline::Absent,
            },
            update_waiting: update == Some("waiting"),
            storage: match storage {
                Some("kept") => Storage::Kept,
                Some("not-kept") => Storage::NotKept,
                Some("unsupported") => Storage::Unsupported,
                _ => Storage::Unknown,
            },
        }
    }

    /// The state offline.js published on this page.
    pub fn now() -> Status {
        let root = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element());
        let read = |name: &str| root.as_ref().and_then(|r| r.get_attribute(name));
        let (offline, version, update, storage) = (
            read("data-lokalform-offline"),
            read("data-lokalform-version"),
            read("data-lokalform-update"),
            read("data-lokalform-storage"),
        );
        Status::from_attributes(
            offline.as_deref(),
            version.as_deref(),
            update.as_deref(),
            storage.as_deref(),
        )
    }
}
