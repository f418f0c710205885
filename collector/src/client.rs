//! Who a client is, for the per-client limits and nothing else: a salted
//! hash of its address, under a salt that changes every day.
//!
//! The per-client token buckets ([`crate::rate_limit`]) and the
//! per-client connection cap ([`crate::server`]) need to tell one sender
//! from another. They get a [`ClientKey`]: a 64-bit keyed hash (SipHash)
//! of the address, salted with 32 random bytes drawn at start and drawn
//! again at the first request of every new UTC day. The salt lives only
//! in this process's memory: it is never written to disk, logged or sent,
//! so a key cannot be turned back into an address, and yesterday's keys
//! cannot be matched with today's. The address itself is read, hashed and
//! dropped; neither the address nor the key is ever stored or logged.
//!
//! An IPv6 client is keyed by its /64 network, since one household or
//! device can use any address inside it.
//!
//! The address is the socket's peer, unless the peer is the configured
//! trusted proxy: then it is the last address in the configured header
//! (`X-Forwarded-For` by default), which the proxy sets. Behind a proxy
//! that is not configured as trusted, every citizen shares the proxy's
//! key.

use crate::week::unix_days_now;
use axum::http::{HeaderMap, HeaderName};
use std::hash::{BuildHasher, Hash, Hasher, RandomState};
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;

/// The socket peer of a request's connection, set by the accept loop
/// ([`crate::server`]). Read only to make a [`ClientKey`].
#[derive(Debug, Clone, Copy)]
pub struct Peer(pub SocketAddr);

/// A client's key for one day: a salted hash of its address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClientKey {
    /// The UTC day the key was made (days since 1970); keys of different
    /// days never match.
    pub day: i64,
    hash: u64,
}

/// Where client addresses come from, and the salt they are hashed with.
#[derive(Debug)]
pub struct ClientKeys {
    trusted_proxy: Option<IpAddr>,
    header: HeaderName,
    salt: Mutex<Salt>,
    today: fn() -> i64,
}

/// Today's secret: random bytes and a randomly keyed hasher.
#[derive(Debug)]
struct Salt {
    day: i64,
    bytes: [u8; 32],
    hasher: RandomState,
}

impl Salt {
    fn draw(day: i64) -> Salt {
        let mut bytes = [0u8; 32];
        // Without the operating system's randomness the keyed hasher's own
        // random keys still salt the hash.
        let _ = getrandom::fill(&mut bytes);
        Salt {
            day,
            bytes,
            hasher: RandomState::new(),
        }
    }
}

impl ClientKeys {
    /// Keys for clients reached directly, or through `trusted_proxy`
    /// which names the client in `header`.
    pub fn new(trusted_proxy: Option<IpAddr>, header: HeaderName) -> ClientKeys {
        ClientKeys::with_clock(trusted_proxy, header, unix_days_now)
    }

    /// As [`ClientKeys::new`], with the day from `today` (for tests of the
    /// daily salt).
    pub fn with_clock(
        trusted_proxy: Option<IpAddr>,
        header: HeaderName,
        today: fn() -> i64,
    ) -> ClientKeys {
        ClientKeys {
            trusted_proxy,
            header,
            salt: Mutex::new(Salt::draw(today())),
            today,
        }
    }

    /// Whether `peer` is the trusted proxy (whose own connections are not
    /// capped per client: it carries everyone's).
    pub fn is_trusted_proxy(&self, peer: IpAddr) -> bool {
        self.trusted_proxy == Some(canonical(peer))
    }

    /// The key of the client at `ip`, under today's salt (drawn anew when
    /// the day has changed).
    ///
    /// ```
    /// use lokalform_collector::client::ClientKeys;
    /// let keys = ClientKeys::new(None, "x-forwarded-for".parse().unwrap());
    /// let a = keys.key("192.0.2.7".parse().unwrap());
    /// assert_eq!(a, keys.key("192.0.2.7".parse().unwrap()));
    /// assert_ne!(a, keys.key("192.0.2.8".parse().unwrap()));
    /// // One IPv6 /64 is one client.
    /// assert_eq!(
    ///     keys.key("2001:db8::1".parse().unwrap()),
    ///     keys.key("2001:db8::ffff:2".parse().unwrap())
    /// );
    /// ```
    pub fn key(&self, ip: IpAddr) -> ClientKey {
        let today = (self.today)();
        let mut salt = self.salt.lock().unwrap_or_else(|p| p.into_inner());
        if salt.day != today {
            *salt = Salt::draw(today);
        }
        let mut hasher = salt.hasher.build_hasher();
        salt.bytes.hash(&mut hasher);
        match canonical(ip) {
            IpAddr::V4(v4) => (4u8, v4.octets()).hash(&mut hasher),
            IpAddr::V6(v6) => (6u8, &v6.octets()[..8]).hash(&mut hasher),
        }
        ClientKey {
            day: salt.day,
            hash: hasher.finish(),
        }
    }

    /// The key of the client that sent a request over a connection from
    /// `peer` with `headers`.
    ///
    /// ```
    /// use axum::http::HeaderMap;
    /// use lokalform_collector::client::ClientKeys;
    /// let proxy = "10.0.0.2".parse().unwrap();
    /// let keys = ClientKeys::new(Some(proxy), "x-forwarded-for".parse().unwrap());
    /// let mut headers = HeaderMap::new();
    /// headers.insert("x-forwarded-for", "198.51.100.1, 192.0.2.7".parse().unwrap());
    /// // From the proxy: the last address the proxy wrote.
    /// let via_proxy = keys.for_request((proxy, 40000).into(), &headers);
    /// assert_eq!(via_proxy, keys.key("192.0.2.7".parse().unwrap()));
    /// // From anyone else the header is ignored: it could say anything.
    /// let direct = keys.for_request(("192.0.2.9".parse::<std::net::IpAddr>().unwrap(), 1).into(), &headers);
    /// assert_eq!(direct, keys.key("192.0.2.9".parse().unwrap()));
    /// ```
    pub fn for_request(&self, peer: SocketAddr, headers: &HeaderMap) -> ClientKey {
        let ip = if self.is_trusted_proxy(peer.ip()) {
            forwarded(headers, &self.header).unwrap_or(peer.ip())
        } else {
            peer.ip()
        };
        self.key(ip)
    }
}

/// The last address in `header` (the one the proxy itself added), as an
/// address or `address:port`.
fn forwarded(headers: &HeaderMap, header: &HeaderName) -> Option<IpAddr> {
    let value = headers.get_all(header).iter().next_back()?.to_str().ok()?;
    let last = value.rsplit(',').next()?.trim();
    last.parse::<IpAddr>()
        .ok()
        .or_else(|| last.parse::<SocketAddr>().ok().map(|s| s.ip()))
}

/// An IPv4 address written as IPv6 (`::ffff:192.0.2.7`) is the IPv4
/// address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicI64, Ordering};

    static DAY: AtomicI64 = AtomicI64::new(20_000);

    fn test_day() -> i64 {
        DAY.load(Ordering::SeqCst)
    }

    #[test]
    fn the_salt_changes_with_the_day() {
        let keys = ClientKeys::with_clock(None, "x-forwarded-for".parse().unwrap(), test_day);
        let ip: IpAddr = "192.0.2.7".parse().unwrap();
        let monday = keys.key(ip);
        assert_eq!(monday, keys.key(ip));
        DAY.store(20_001, Ordering::SeqCst);
        let tuesday = keys.key(ip);
        assert_eq!(tuesday.day, 20_001);
        // A new salt: the hash itself differs, not only the day.
        assert_ne!(monday.hash, tuesday.hash);
    }

    #[test]
    fn a_mapped_ipv4_address_is_the_ipv4_address() {
        let keys = ClientKeys::new(None, "x-forwarded-for".parse().unwrap());
        assert_eq!(
            keys.key("::ffff:192.0.2.7".parse().unwrap()),
            keys.key("192.0.2.7".parse().unwrap())
        );
    }

    #[test]
    fn a_header_the_proxy_did_not_write_falls_back_to_the_proxy() {
        let proxy: IpAddr = "10.0.0.2".parse().unwrap();
        let keys = ClientKeys::new(Some(proxy), "x-real-ip".parse().unwrap());
        let mut headers = HeaderMap::new();
        headers.insert("x-real-ip", "not an address".parse().unwrap());
        assert_eq!(
            keys.for_request((proxy, 1).into(), &headers),
            keys.key(proxy)
        );
        headers.insert("x-real-ip", "[2001:db8::1]:443".parse().unwrap());
        assert_eq!(
            keys.for_request((proxy, 1).into(), &headers),
            keys.key("2001:db8::1".parse().unwrap())
        );
    }
}
